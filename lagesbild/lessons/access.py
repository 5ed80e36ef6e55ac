"""Who sees which lessons: everyone in the staff sees the published ones; a lesson that is not
published is the staff's work in progress and, like a report draft, needs `read_drafts`.

Readers hold `lesson_view` but not `read_drafts`, so they see published lessons only. Every
page, panel and search entry that shows a lesson asks here.
"""

from typing import Any

from django.db.models import Q, QuerySet

from lagesbild.accounts.permissions import may, staffs_for
from lagesbild.lessons.models import Lesson

# The same right that shows a report's drafts: every working role in the staff, not readers.
UNPUBLISHED = "read_drafts"


def may_see(user: Any, lesson: Lesson) -> bool:
    """May this person open this lesson in its staff?"""
    if not may(user, "lesson_view", lesson.staff):
        return False
    return lesson.is_published or may(user, UNPUBLISHED, lesson.staff)


def visible_q(user: Any, prefix: str = "") -> Q:
    """The lessons (or, with prefix "lesson__", the actions of lessons) the person may see."""
    return Q(
        **{f"{prefix}staff__in": staffs_for(user, "lesson_view"), f"{prefix}is_published": True}
    ) | Q(**{f"{prefix}staff__in": staffs_for(user, UNPUBLISHED)})


def lessons_visible(user: Any, lessons: QuerySet[Lesson] | None = None) -> QuerySet[Lesson]:
    """The lessons, of all or of the given queryset, that the person may see."""
    return (Lesson.objects.all() if lessons is None else lessons).filter(visible_q(user))
