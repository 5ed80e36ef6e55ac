"""make_* helpers for the analysis workspace's tests."""

from __future__ import annotations

from itertools import count
from typing import Any

from lagesbild.experiences.models import Channel, Collection, Source
from lagesbild.experiences.tests.helpers import make_collection, make_source, make_web_question
from lagesbild.themes.models import Code, Codebook, Coding
from lagesbild.themes.services import code_create, codebook_for, coding_create

_sequence = count(1)


def make_codebook(collection: Collection | None = None) -> Codebook:
    return codebook_for(collection=collection or make_collection())


def make_code(codebook: Codebook | None = None, **fields: Any) -> Code:
    fields.setdefault("name", f"Kod {next(_sequence)}")
    return code_create(codebook=codebook or make_codebook(), actor=None, **fields)


def make_coding(
    source: Source, code: Code, start: int = 0, end: int | None = None, **fields: Any
) -> Coding:
    return coding_create(
        source=source,
        code=code,
        start=start,
        end=len(source.text) if end is None else end,
        coder=fields.pop("coder", None),
        **fields,
    )


def make_answers(collection: Collection, texts: list[str], category: Any = None) -> list[Source]:
    """Web answers to one question, each from its own respondent."""
    question = make_web_question(collection)
    prompt = question.prompts.first()
    from lagesbild.experiences.models import Respondent

    out = []
    for text in texts:
        respondent = Respondent.objects.create(collection=collection)
        out.append(
            make_source(
                collection,
                text=text,
                channel=Channel.WEB,
                category=category,
                prompt=prompt,
                respondent=respondent,
            )
        )
    return out
