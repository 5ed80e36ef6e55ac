"""Lessons: observation → identified → action → learned, with evidence and actions."""

from lagesbild.lessons.models.lessons import (
    Area,
    Lesson,
    LessonMove,
    LessonQuerySet,
    LessonState,
)
from lagesbild.lessons.models.support import (
    ActionStatus,
    LessonAction,
    LessonActionQuerySet,
    LessonEvidence,
)

__all__ = [
    "ActionStatus",
    "Area",
    "Lesson",
    "LessonAction",
    "LessonActionQuerySet",
    "LessonEvidence",
    "LessonMove",
    "LessonQuerySet",
    "LessonState",
]
