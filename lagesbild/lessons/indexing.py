"""Lessons in search ("Lärdomar"): published ones for everyone in the staff, the others only
for those who see unpublished lessons (lessons/access.py); updated with every change."""

from django.utils.translation import gettext_lazy as _

from lagesbild.lessons.access import UNPUBLISHED
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
        "lesson_view" if lesson.is_published else UNPUBLISHED,
        lesson.get_absolute_url(),
        lesson.updated_at,
    )


def register() -> None:
    searchable(
        "lesson",
        label=_("Lärdomar"),
        model=Lesson,
        describe=_lesson,
        actions=["lesson_view", UNPUBLISHED],
        everything=lambda: Lesson.objects.select_related("staff"),
    )
    from lagesbild.records.linking import register as link

    link("lesson", "lessons.Lesson", _("Lärdom"))
