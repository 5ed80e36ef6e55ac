"""QDPX import: a REFI-QDA project into an empty collection, all or nothing."""

from __future__ import annotations

import zipfile
from collections import defaultdict
from datetime import datetime
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.experiences.models import Channel, Collection, Source
from lagesbild.themes.models import Code, Coding
from lagesbild.themes.services.coding import AnalysisError
from lagesbild.themes.services.counts import counts_changed
from lagesbild.themes.services.qdpx.common import NS, _text, validate


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
    counts_changed(codebook_id=codebook.pk)
    return counts
