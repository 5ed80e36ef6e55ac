"""QDPX export: the collection's codebook, sources, codings and memos as a streamed ZIP.

A survey question is one text source with its answers one after another; each respondent is a
case pointing at the selections that are their answers (the REFI-QDA advice for surveys).
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any, NamedTuple
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.experiences.models import Channel, Collection, Source
from lagesbild.themes.models import Code, Codebook, Coding, Memo
from lagesbild.themes.services.qdpx.common import (
    ANSWER_SEPARATOR,
    NS,
    SURVEY,
    _a,
    _text,
    _when,
    guid,
)


class _Writer:
    """Buffers small strings and writes them in 256 kB blocks: one ZIP write per string is slow."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.parts: list[str] = []
        self.size = 0

    def __call__(self, *parts: str) -> None:
        self.parts.extend(parts)
        self.size += sum(len(p) for p in parts)
        if self.size > 262_144:
            self.flush()

    def flush(self) -> None:
        self.handle.write("".join(self.parts).encode("utf-8"))
        self.parts, self.size = [], 0


def _code_xml(
    w: _Writer, code: Code, children: dict[int | None, list[Code]], notes: dict[int, list[str]]
) -> None:
    w(
        f"<Code{_a(guid=guid('code', code.pk), name=code.name, isCodable=str(code.is_active).lower(), color=code.colour)}>"
    )
    if code.description:
        w("<Description>", escape(_text(code.description)), "</Description>")
    for note in notes.get(code.pk, []):
        w(f'<NoteRef targetGUID="{note}"/>')
    for child in children.get(code.pk, []):
        _code_xml(w, child, children, notes)
    w("</Code>")


class _C(NamedTuple):
    """A coding as the export needs it; model instances cost too much at 300,000 rows."""

    pk: int
    code_id: int
    coder_id: int | None
    start: int
    end: int
    created_at: datetime


def _selection_xml(w: _Writer, start: int, end: int, codings: list[_C], notes: list[str]) -> None:
    first = codings[0]
    user = f' creatingUser="{guid("user", first.coder_id)}"' if first.coder_id else ""
    w(
        f'<PlainTextSelection guid="{guid("selection", first.pk)}" name="{start}-{end}" '
        f'startPosition="{start}" endPosition="{end}"{user} creationDateTime="{_when(first.created_at)}">'
    )
    for c in codings:
        user = f' creatingUser="{guid("user", c.coder_id)}"' if c.coder_id else ""
        w(
            f'<Coding guid="{guid("coding", c.pk)}"{user} creationDateTime="{_when(c.created_at)}">'
            f'<CodeRef targetGUID="{guid("code", c.code_id)}"/></Coding>'
        )
    for note in notes:
        w(f'<NoteRef targetGUID="{note}"/>')
    w("</PlainTextSelection>")


def _selections(w: _Writer, codings: list[_C], offset: int, notes: dict[int, list[str]]) -> None:
    spans: dict[tuple[int, int], list[_C]] = defaultdict(list)
    for c in codings:
        spans[(c.start + offset, c.end + offset)].append(c)
    for (start, end), group in sorted(spans.items()):
        _selection_xml(w, start, end, group, [n for c in group for n in notes.get(c.pk, [])])


def _variables(w: _Writer, category: str, channel: str) -> None:
    for name, value in (("category", category), ("channel", channel)):
        if value:
            w(
                f'<VariableValue><VariableRef targetGUID="{guid("variable", name)}"/><TextValue>{escape(_text(value))}</TextValue></VariableValue>'
            )


def qdpx_export(*, collection: Collection, out: IO[bytes]) -> dict[str, int]:
    """Write the collection's codebook, sources, codings and memos as a QDPX; returns counts.

    1. Users, codebook and variables. 2. Cases: each respondent (selections of their answers)
    and each other source. 3. Sources: one per survey question, one per other source, each with
    its text file under Sources/. 4. Notes (memos) and the project's own note references.
    """
    codebook, _created = Codebook.objects.get_or_create(collection=collection)
    channels = dict(Channel.choices)
    codes = list(codebook.codes.order_by("position", "id"))
    children: dict[int | None, list[Code]] = defaultdict(list)
    ids = {c.pk for c in codes}
    for code in codes:
        children[code.parent_id if code.parent_id in ids else None].append(code)
    memos = list(Memo.objects.filter(codebook=codebook).order_by("id"))
    notes_code: dict[int, list[str]] = defaultdict(list)
    notes_source: dict[int, list[str]] = defaultdict(list)
    notes_coding: dict[int, list[str]] = defaultdict(list)
    project_notes: list[str] = []
    for m in memos:
        g = guid("memo", m.pk)
        if m.coding_id:
            notes_coding[m.coding_id].append(g)
        elif m.code_id:
            notes_code[m.code_id].append(g)
        elif m.source_id:
            notes_source[m.source_id].append(g)
        else:
            project_notes.append(g)
    coder_ids: set[int | None] = set(
        Coding.objects.filter(code__codebook=codebook, sample__isnull=True).values_list(
            "coder_id", flat=True
        )
    )
    coder_ids |= {m.author_id for m in memos if m.author_id}
    users = list(User.objects.filter(pk__in=[i for i in coder_ids if i]))
    counts = {"sources": 0, "codings": 0, "memos": len(memos), "codes": len(codes)}
    sources = Source.objects.filter(collection=collection).order_by("id")
    survey = sources.filter(channel__in=SURVEY, prompt__isnull=False)
    others = sources.exclude(pk__in=survey.values("pk"))
    prompts = list(
        collection.prompts.filter(sources__in=survey).distinct().order_by("position", "id")
    )

    other_fields = ("id", "title", "channel", "date", "category__name")

    def name_of(title: str, channel: str, day: Any) -> str:
        return title or f"{channels.get(channel, channel)} {day or ''}".strip()

    def codings_of(qs: Any) -> Iterator[tuple[tuple[Any, ...], list[_C]]]:
        """Source rows (tuples, id first) in id order with their codings; memory stays flat."""
        pending = (
            Coding.objects.filter(source__in=qs.values("pk"), sample__isnull=True)
            .order_by("source_id", "id")
            .values_list("source_id", "id", "code_id", "coder_id", "start", "end", "created_at")
            .iterator(chunk_size=5000)
        )
        current = next(pending, None)
        for row in qs.iterator(chunk_size=2000):
            mine = []
            while current is not None and current[0] <= row[0]:
                if current[0] == row[0]:
                    mine.append(_C(*current[1:]))
                current = next(pending, None)
            yield row, mine

    # Level 1: the XML compresses well anyway, and level 6 costs three times the time.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        # Answer spans per respondent are needed for the cases before the sources are written,
        # so the survey texts go to the archive first and their spans are kept (ints only).
        spans_of_respondent: dict[int, list[str]] = defaultdict(list)
        case_vars: dict[int, tuple[str, str]] = {}
        survey_layout: list[tuple[Any, list[tuple[int, int, int]]]] = []
        for prompt in prompts:
            layout: list[tuple[int, int, int]] = []
            position = 0
            with archive.open(f"Sources/{guid('prompt', prompt.pk)}.txt", "w") as handle:
                rows = (
                    survey.filter(prompt=prompt)
                    .values_list("id", "text", "respondent_id", "category__name", "channel")
                    .iterator(chunk_size=2000)
                )
                for pk, raw_text, respondent_id, category, channel in rows:
                    if layout:
                        handle.write(ANSWER_SEPARATOR.encode())
                        position += len(ANSWER_SEPARATOR)
                    text = _text(raw_text)
                    handle.write(text.encode("utf-8"))
                    layout.append((pk, position, position + len(text)))
                    if respondent_id:
                        spans_of_respondent[respondent_id].append(guid("answer", pk))
                        case_vars[respondent_id] = (
                            category or "",
                            str(channels.get(channel, channel)),
                        )
                    position += len(text)
            survey_layout.append((prompt, layout))
        # A ZIP takes one open member at a time: every text file goes in before project.qde.
        for pk, raw_text in others.values_list("id", "text").iterator(chunk_size=2000):
            archive.writestr(f"Sources/{guid('source', pk)}.txt", _text(raw_text))
        with archive.open("project.qde", "w", force_zip64=True) as raw:
            w = _Writer(raw)
            w('<?xml version="1.0" encoding="utf-8"?>\n')
            w(
                f'<Project xmlns="{NS}"{_a(name=collection.title, origin="Lägesbild", creationDateTime=_when(None))}>'
            )
            if users:
                w("<Users>")
                for u in users:
                    w(f"<User{_a(guid=guid('user', u.pk), name=u.display_name(), id=u.username)}/>")
                w("</Users>")
            if codes:
                w("<CodeBook><Codes>")
                for code in children[None]:
                    _code_xml(w, code, children, notes_code)
                w("</Codes></CodeBook>")
            w("<Variables>")
            for name, label in (("category", "Deltagarkategori"), ("channel", "Kanal")):
                w(
                    f"<Variable{_a(guid=guid('variable', name), name=label, typeOfVariable='Text')}/>"
                )
            w("</Variables>")
            w("<Cases>")
            has_case = False
            for respondent_id, answers in spans_of_respondent.items():
                has_case = True
                w(
                    f"<Case{_a(guid=guid('respondent', respondent_id), name=f'Svarande {respondent_id}')}>"
                )
                _variables(w, *case_vars[respondent_id])
                for g in answers:
                    w(f'<SelectionRef targetGUID="{g}"/>')
                w("</Case>")
            for pk, title, channel, day, category in others.values_list(*other_fields).iterator(
                chunk_size=2000
            ):
                has_case = True
                w(f"<Case{_a(guid=guid('case', pk), name=name_of(title, channel, day))}>")
                _variables(w, category or "", str(channels.get(channel, channel)))
                w(f'<SourceRef targetGUID="{guid("source", pk)}"/></Case>')
            if not has_case:
                w(f"<Case{_a(guid=guid('case', 'none'), name='-')}/>")
            w("</Cases>")
            wrote_sources = False
            for prompt, layout in survey_layout:
                if not wrote_sources:
                    w("<Sources>")
                wrote_sources = True
                g = guid("prompt", prompt.pk)
                w(
                    f"<TextSource{_a(guid=g, name=prompt.text[:200], plainTextPath=f'internal://{g}.txt')}>"
                )
                w(
                    "<Description>",
                    escape(_("Enkätfråga; svaren följer efter varandra, ett per svarande.")),
                    "</Description>",
                )
                start_of = {pk: start for pk, start, _end in layout}
                span_of = {pk: (start, end) for pk, start, end in layout}
                answer_ids = survey.filter(prompt=prompt).values_list("id")
                for (pk,), codings in codings_of(answer_ids):
                    start, end = span_of[pk]
                    if end > start:
                        w(
                            f'<PlainTextSelection guid="{guid("answer", pk)}" name="Svar {pk}" '
                            f'startPosition="{start}" endPosition="{end}">'
                        )
                        for note in notes_source.get(pk, []):
                            w(f'<NoteRef targetGUID="{note}"/>')
                        w("</PlainTextSelection>")
                    _selections(w, codings, start_of[pk], notes_coding)
                    counts["codings"] += len(codings)
                    counts["sources"] += 1
                w("</TextSource>")
            for (pk, title, channel, day, category), codings in codings_of(
                others.values_list(*other_fields)
            ):
                if not wrote_sources:
                    w("<Sources>")
                wrote_sources = True
                g = guid("source", pk)
                name = name_of(title, channel, day)[:200]
                w(f"<TextSource{_a(guid=g, name=name, plainTextPath=f'internal://{g}.txt')}>")
                _selections(w, codings, 0, notes_coding)
                for note in notes_source.get(pk, []):
                    w(f'<NoteRef targetGUID="{note}"/>')
                _variables(w, category or "", str(channels.get(channel, channel)))
                w("</TextSource>")
                counts["codings"] += len(codings)
                counts["sources"] += 1
            if wrote_sources:  # an empty <Sources/> would be invalid; the element is optional
                w("</Sources>")
            if memos:
                w("<Notes>")
                for m in memos:
                    w(
                        f"<Note{_a(guid=guid('memo', m.pk), name=_('Memo'), creatingUser=guid('user', m.author_id) if m.author_id else None, creationDateTime=_when(m.created_at))}>"
                    )
                    w("<PlainTextContent>", escape(_text(m.text)), "</PlainTextContent></Note>")
                w("</Notes>")
            for note in project_notes:
                w(f'<NoteRef targetGUID="{note}"/>')
            w("</Project>")
            w.flush()
    return counts
