"""What cites a lesson in the apps built on lessons (the decision basis's risks, findings and
scores…). Each registers, in its AppConfig.ready(), a function (lesson, user) -> citations the
user may see; the lesson page lists them, so lessons imports none of those apps."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lagesbild.lessons.models import Lesson


@dataclass(frozen=True)
class Citation:
    kind: str  # e.g. "Risk", shown before the title
    title: str
    url: str


CITERS: list[Callable[[Lesson, Any], list[Citation]]] = []


def citer(find: Callable[[Lesson, Any], list[Citation]]) -> Callable[[Lesson, Any], list[Citation]]:
    CITERS.append(find)
    return find


def cited_by(lesson: Lesson, user: Any) -> list[Citation]:
    return [c for find in CITERS for c in find(lesson, user)]
