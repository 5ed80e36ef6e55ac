"""make_* helpers for lessons' tests: a lesson, and coded material across groups and channels."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count
from typing import Any

from lagesbild.experiences.models import Channel, Collection, Respondent, Source
from lagesbild.experiences.tests.helpers import make_collection, make_source
from lagesbild.lessons.models import Lesson, LessonState
from lagesbild.lessons.services.life import lesson_create, lesson_move, lesson_publish
from lagesbild.staff.models import Staff
from lagesbild.themes.models import Code, Coding
from lagesbild.themes.tests.helpers import make_code, make_codebook, make_coding

_sequence = count(1)


def make_lesson(staff: Staff, **fields: Any) -> Lesson:
    fields.setdefault("title", f"Utbildningen kom för sent {next(_sequence)}")
    fields.setdefault("statement", "Utbildning behöver ges nära införandet.")
    return lesson_create(staff=staff, actor=fields.pop("actor", None), **fields)


def make_published_lesson(staff: Staff, **fields: Any) -> Lesson:
    """An identified lesson, published (it stands on a written reason unless given evidence)."""
    fields.setdefault("reason", "Iakttaget av staben.")
    lesson = make_lesson(staff, **fields)
    lesson_move(lesson=lesson, to=LessonState.IDENTIFIED, actor=None)
    return lesson_publish(lesson=lesson, actor=None)


@dataclass
class Material:
    collection: Collection
    code: Code
    sources: list[Source]
    codings: list[Coding]


def make_material(staff: Staff, coder: Any = None) -> Material:
    """Four coded passages: a meeting, a letter and two web answers of one respondent,
    from three participant categories, all coded with one code (person-made, confirmed)."""
    collection = make_collection(staff)
    cats = list(collection.categories.all())
    code = make_code(make_codebook(collection), name="Utbildning för tidigt")
    one = Respondent.objects.create(collection=collection)
    sources = [
        make_source(
            collection,
            text="Utbildningen kom tre månader före start och var glömd när systemet kom.",
            channel=Channel.MEETING,
            category=cats[0],
        ),
        make_source(
            collection,
            text="Superanvändarna fick ingen tid avsatt för att hjälpa kollegorna.",
            channel=Channel.LETTER,
            category=cats[1],
        ),
        make_source(
            collection,
            text="Jag hann glömma allt.",
            channel=Channel.WEB,
            category=cats[2],
            respondent=one,
        ),
        make_source(
            collection,
            text="Övningsmiljön saknades.",
            channel=Channel.WEB,
            category=cats[2],
            respondent=one,
        ),
    ]
    codings = [make_coding(s, code, coder=coder) for s in sources]
    return Material(collection, code, sources, codings)
