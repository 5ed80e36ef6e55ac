"""REFI-QDA project exchange (.qdpx): export streams a ZIP; import reads one into an empty collection.

A survey question is one text source with its answers one after another; each respondent is a
case pointing at the selections that are their answers (the REFI-QDA advice for surveys).
"""

from __future__ import annotations

import functools
import re
import uuid
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, NamedTuple
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.experiences.models import Channel, Collection, Source
from lagesbild.themes.models import Code, Codebook, Coding, Memo
from lagesbild.themes.services.coding import AnalysisError

NS = "urn:QDA-XML:project:1.0"
# Stable GUIDs: the same object gets the same GUID in every export, so re-imports can match.
GUID_ROOT = uuid.UUID("6f1d2c9a-3b7e-4c1a-9a51-2f3d8e7b0c44")
ANSWER_SEPARATOR = "\n\n"
SURVEY = (Channel.WEB, Channel.SURVEY)
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def schema_path(name: str = "Project-mrt2019.xsd") -> Path:
    """The REFI-QDA schemas beside the repository (../shared/schemas/refi-qda/)."""
    return Path(settings.REPO_DIR).parent / "shared" / "schemas" / "refi-qda" / name


def guid(kind: str, pk: object) -> str:
    """A stable GUID per kind and id; integer ids take a fast path (an export writes millions)."""
    if isinstance(pk, int) and 0 <= pk < 1 << 48:
        return f"{_kind_prefix(kind)}-0000-4000-8000-{pk:012x}"
    return str(uuid.uuid5(GUID_ROOT, f"{kind}:{pk}"))


@functools.cache
def _kind_prefix(kind: str) -> str:
    return f"{zlib.crc32(kind.encode()):08x}"


def _text(value: str) -> str:
    # XML 1.0 forbids most control characters, and "\r" breaks positions in tools that drop it:
    # each is replaced one for one so every character offset stays the same.
    return _INVALID_XML.sub(" ", value.replace("\r", " "))


def _when(value: datetime | None) -> str:
    return (value or timezone.now()).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _a(**attrs: object) -> str:
    return "".join(
        f" {k}={quoteattr(_text(str(v)))}" for k, v in attrs.items() if v not in (None, "")
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


def validate(xml: bytes, schema: str) -> None:
    """Refuse a file the REFI-QDA schema does not accept (unknown elements included), in Swedish."""
    import xmlschema

    path = schema_path(schema)
    if not path.exists():
        return  # an installation without the schemas still imports; the parser below is strict too
    errors = list(xmlschema.XMLSchema(str(path)).iter_errors(xml))
    if errors:
        first = errors[0]
        where = getattr(first, "path", "") or ""
        raise AnalysisError(
            _("Filen följer inte REFI-QDA-schemat (%(n)d fel). Första felet: %(reason)s %(where)s")
            % {"n": len(errors), "reason": (first.reason or str(first))[:200], "where": where}
        )


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _read_zip(data: IO[bytes]) -> tuple[bytes, zipfile.ZipFile]:
    try:
        archive = zipfile.ZipFile(data)
    except zipfile.BadZipFile as exc:
        raise AnalysisError(_("Filen är inte en QDPX-fil (ingen ZIP).")) from exc
    if "project.qde" not in archive.namelist():
        raise AnalysisError(_("QDPX-filen saknar project.qde."))
    info = archive.getinfo("project.qde")
    if info.file_size > 2_000_000_000:
        raise AnalysisError(_("project.qde är för stor."))
    return archive.read("project.qde"), archive


@transaction.atomic
def qdpx_import(*, collection: Collection, data: IO[bytes], actor: User | None) -> dict[str, int]:
    """Read a QDPX into an empty collection: codebook, sources (survey answers split back per
    respondent), codings and memos. Everything or nothing: any error leaves the data as it was."""
    import xml.etree.ElementTree as ET

    from lagesbild.experiences.services import SourceInput, source_register
    from lagesbild.themes.services.coding import (
        _map_point,
        _offset_map,
        code_create,
        codebook_for,
        memo_create,
    )

    xml, archive = _read_zip(data)
    validate(xml, "Project-mrt2019.xsd")
    if collection.sources.exists():
        raise AnalysisError(_("Importera till en tom insamling; den här har redan källor."))
    root = ET.fromstring(xml)
    codebook = codebook_for(collection=collection)
    users = {u.get("guid"): u.get("id") or u.get("name") or "" for u in root.iter(_q("User"))}
    people = {g: User.objects.filter(username=name).first() for g, name in users.items()}
    codes: dict[str, Code] = {}
    notes_for: dict[str, list[tuple[str, Any]]] = defaultdict(list)

    def note_refs(element: Any, kind: str, target: Any) -> None:
        for ref in element.findall(_q("NoteRef")):
            notes_for[ref.get("targetGUID", "")].append((kind, target))

    def walk(element: Any, parent: Code | None) -> None:
        for node in element.findall(_q("Code")):
            description = node.findtext(_q("Description")) or ""
            colour = node.get("color") or "#1d5fa8"
            if len(colour) == 4:
                colour = "#" + "".join(ch * 2 for ch in colour[1:])
            code = code_create(codebook=codebook, name=node.get("name", ""), description=description,
                               colour=colour.lower(), parent=parent, actor=actor)  # fmt: skip
            if node.get("isCodable") == "false":
                code.retired_at = timezone.now()
                code.save(update_fields=["retired_at"])
            codes[node.get("guid", "")] = code
            note_refs(node, "code", code)
            walk(node, code)

    book = root.find(_q("CodeBook"))
    if book is not None:
        walk(book.find(_q("Codes")), None)
    variables = {v.get("guid"): v.get("name") for v in root.iter(_q("Variable"))}

    def values(element: Any) -> dict[str, str]:
        out = {}
        for vv in element.findall(_q("VariableValue")):
            ref = vv.find(_q("VariableRef"))
            name = variables.get(ref.get("targetGUID") if ref is not None else "", "")
            out[name or ""] = vv.findtext(_q("TextValue")) or ""
        return out

    answer_case: dict[str, dict[str, str]] = {}
    source_case: dict[str, dict[str, str]] = {}
    for case in root.iter(_q("Case")):
        vals = values(case)
        for ref in case.findall(_q("SelectionRef")):
            answer_case[ref.get("targetGUID", "")] = vals
        for ref in case.findall(_q("SourceRef")):
            source_case[ref.get("targetGUID", "")] = vals
    categories = {c.name: c for c in collection.categories.all()}
    channel_of = {str(label): value for value, label in Channel.choices}
    counts = {"sources": 0, "codings": 0, "memos": 0, "codes": len(codes)}
    from lagesbild.experiences.models import Prompt, Respondent

    def register(text: str, vals: dict[str, str], title: str, **fields: Any) -> Source:
        channel = channel_of.get(vals.get("Kanal", ""), Channel.LETTER)
        category = categories.get(vals.get("Deltagarkategori", ""))
        return source_register(
            collection=collection,
            item=SourceInput(
                channel=channel, text=text, date=None, category=category, title=title, fields=fields
            ),
            actor=actor,
        )

    def place(source: Source, original: str, start: int, end: int) -> tuple[int, int] | None:
        # The redactor may shorten or lengthen the text: map positions through the change.
        if source.text == original:
            return start, end
        blocks, _length = _offset_map(original, source.text)
        a, b = _map_point(blocks, start, end=False), _map_point(blocks, end, end=True)
        return (a, b) if b > a else None

    def coding_from(selection: Any, source: Source, original: str, offset: int) -> None:
        start = int(selection.get("startPosition", "0")) - offset
        end = int(selection.get("endPosition", "0")) - offset
        if not (0 <= start < end <= len(original)):
            raise AnalysisError(
                _("En markering (%(start)d–%(end)d) ligger utanför sin källas text.")
                % {"start": start + offset, "end": end + offset}
            )
        span = place(source, original, start, end)
        for coding_el in selection.findall(_q("Coding")):
            ref = coding_el.find(_q("CodeRef"))
            code = codes.get(ref.get("targetGUID", "") if ref is not None else "")
            if code is None or span is None:
                continue
            coding = Coding.objects.create(
                source=source, code=code, start=span[0], end=span[1],
                coder=people.get(coding_el.get("creatingUser") or selection.get("creatingUser")),
            )  # fmt: skip
            counts["codings"] += 1
            note_refs(selection, "coding", coding)

    for element in root.iter(_q("TextSource")):
        g = element.get("guid", "")
        path = (element.get("plainTextPath") or "").removeprefix("internal://")
        if path:
            try:
                text = archive.read(f"Sources/{path}").decode("utf-8-sig")
            except KeyError as exc:
                raise AnalysisError(
                    _("Källfilen %(path)s saknas i QDPX-filen.") % {"path": path}
                ) from exc
        else:
            text = element.findtext(_q("PlainTextContent")) or ""
        selections = element.findall(_q("PlainTextSelection"))
        answers = [s for s in selections if s.get("guid") in answer_case]
        if answers:
            prompt = Prompt.objects.create(
                collection=collection, text=element.get("name") or _("Fråga")
            )
            bounds = sorted(
                (int(s.get("startPosition", "0")), int(s.get("endPosition", "0")), s)
                for s in answers
            )
            for start, end, answer in bounds:
                vals = answer_case[answer.get("guid", "")]
                vals.setdefault("Kanal", str(Channel.WEB.label))
                respondent = Respondent.objects.create(collection=collection)
                original = _text(text[start:end])
                source = register(original, vals, "", prompt=prompt, respondent=respondent)
                counts["sources"] += 1
                note_refs(answer, "source", source)
                for sel in selections:
                    s_start, s_end = (
                        int(sel.get("startPosition", "0")),
                        int(sel.get("endPosition", "0")),
                    )
                    if sel is not answer and start <= s_start and s_end <= end:
                        coding_from(sel, source, original, start)
        else:
            vals = source_case.get(g) or values(element)
            source = register(_text(text), vals, element.get("name") or "")
            counts["sources"] += 1
            note_refs(element, "source", source)
            for sel in selections:
                coding_from(sel, source, _text(text), 0)
    note_refs(root, "project", None)
    for note in root.iter(_q("Note")):
        text = note.findtext(_q("PlainTextContent")) or ""
        if not text.strip():
            continue
        targets = notes_for.get(note.get("guid", ""), [("project", None)])
        kind, target = targets[0]
        memo = memo_create(
            codebook=codebook,
            text=text,
            author=people.get(note.get("creatingUser")),
            code=target if kind == "code" else None,
            source=target if kind == "source" else (target.source if kind == "coding" else None),
            coding=target if kind == "coding" else None,
        )
        when = note.get("creationDateTime")
        if when:
            memo.created_at = datetime.fromisoformat(when.replace("Z", "+00:00"))
            memo.save(update_fields=["created_at"])
        counts["memos"] += 1
    return counts
