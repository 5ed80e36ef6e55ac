"""Lessons in search ("Lärdomar"), for everyone in the staff; updated with every change."""

from django.utils.translation import gettext_lazy as _

from lagesbild.lessons.models import Lesson
from lagesbild.search.registry import Findable, searchable


def _lesson(lesson: Lesson) -> Findable:
    body = "\n".join(
        [lesson.statement, lesson.observation, lesson.get_area_display(), lesson.reason]
    )
    return Findable(
        f"{lesson.code} {lesson.title}",
        body,
        lesson.staff,
        "lesson_view",
        lesson.get_absolute_url(),
        lesson.updated_at,
    )


def register() -> None:
    searchable(
        "lesson",
        label=_("Lärdomar"),
        model=Lesson,
        describe=_lesson,
        everything=lambda: Lesson.objects.select_related("staff"),
    )
    from lagesbild.records.linking import register as link

    link("lesson", "lessons.Lesson", _("Lärdom"))
