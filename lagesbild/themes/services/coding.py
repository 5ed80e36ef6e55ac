"""Codebook, codes, codings and memos: every change a person makes to the analysis."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.experiences.models import Collection, Source
from lagesbild.themes import guards
from lagesbild.themes.models import Code, Codebook, Coding, Memo, Origin, ThemeRun
from lagesbild.themes.services.counts import counts_changed


class AnalysisError(ValueError):
    """A refused change; the message is Swedish and shown to the person as is."""


class StaleEdit(AnalysisError):
    """Someone else changed the code since the form was opened."""


def codebook_for(*, collection: Collection) -> Codebook:
    """The collection's codebook, made on first use."""
    codebook, _created = Codebook.objects.get_or_create(collection=collection)
    return codebook


def _check_name(codebook: Codebook, name: str, exclude: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise AnalysisError(_("Koden behöver ett namn."))
    clash = codebook.codes.active().filter(name__iexact=name)
    if exclude:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise AnalysisError(_("Det finns redan en kod med namnet ”%(name)s”.") % {"name": name})
    return name


def _check_parent(code: Code | None, parent: Code | None, codebook: Codebook) -> None:
    if parent is None:
        return
    if parent.codebook_id != codebook.pk or not parent.is_active:
        raise AnalysisError(_("Den överordnade koden finns inte i kodboken."))
    node: Code | None = parent
    while node is not None and code is not None:
        if node.pk == code.pk:
            raise AnalysisError(_("En kod kan inte placeras under sig själv."))
        node = node.parent


@transaction.atomic
def code_create(
    *,
    codebook: Codebook,
    name: str,
    actor: User | None,
    description: str = "",
    colour: str = "#1d5fa8",
    is_theme: bool = False,
    parent: Code | None = None,
) -> Code:
    """A new code at the end of its level."""
    name = _check_name(codebook, name)
    _check_parent(None, parent, codebook)
    last = codebook.codes.aggregate(n=Max("position"))["n"] or 0
    code = Code.objects.create(
        codebook=codebook,
        name=name,
        description=description,
        colour=colour,
        is_theme=is_theme,
        parent=parent,
        position=last + 1,
        created_by=actor,
    )
    counts_changed(codebook_id=codebook.pk)
    audit_record(actor=actor, action="themes.code_create", obj=code, summary=name)
    return code


@transaction.atomic
def code_update(
    *,
    code: Code,
    version: int,
    actor: User | None,
    name: str,
    description: str,
    colour: str,
    is_theme: bool,
    parent: Code | None,
) -> Code:
    """Rename, describe, recolour or move a code; refused if it changed since `version`."""
    name = _check_name(code.codebook, name, exclude=code.pk)
    _check_parent(code, parent, code.codebook)
    before = {"name": code.name, "parent": code.parent_id}
    # The version check and the write are one UPDATE, so two analysts cannot both win.
    updated = Code.objects.filter(pk=code.pk, version=version, retired_at__isnull=True).update(
        name=name,
        description=description,
        colour=colour,
        is_theme=is_theme,
        parent=parent,
        version=F("version") + 1,
    )
    if not updated:
        raise StaleEdit(
            _(
                "Någon annan har ändrat koden medan du hade den öppen. "
                "Läs in sidan igen och gör ändringen på nytt."
            )
        )
    code.refresh_from_db()
    counts_changed(codebook_id=code.codebook_id)
    audit_record(
        actor=actor,
        action="themes.code_update",
        obj=code,
        summary=name,
        details={"before": before, "after": {"name": name, "parent": code.parent_id}},
    )
    return code


@transaction.atomic
def code_merge(*, code: Code, into: Code, actor: User | None) -> int:
    """Move every coding, memo and child of `code` to `into`; `code` is retired and remembered."""
    if code.pk == into.pk or into.codebook_id != code.codebook_id or not into.is_active:
        raise AnalysisError(_("Välj en annan aktiv kod i samma kodbok att slå ihop med."))
    node: Code | None = into
    while node is not None:
        if node.pk == code.pk:
            raise AnalysisError(_("En kod kan inte slås ihop med en av sina underkoder."))
        node = node.parent
    moved = Coding.objects.filter(code=code).update(code=into)
    # What cited the merged code now cites the code it became (lessons' evidence, say).
    guards.merged(code, into, actor)
    Memo.objects.filter(code=code).update(code=into)
    code.children.update(parent=into)
    Code.objects.filter(pk=code.pk).update(
        retired_at=timezone.now(), merged_into=into, version=F("version") + 1
    )
    code.refresh_from_db()
    counts_changed(codebook_id=code.codebook_id)
    audit_record(
        actor=actor,
        action="themes.code_merge",
        obj=code,
        summary=f"{code.name} → {into.name}",
        details={"into": into.pk, "codings": moved},
    )
    return moved


@transaction.atomic
def code_retire(*, code: Code, actor: User | None) -> None:
    """Take a code out of use; its codings stay and still count in history and exports.

    Refused (ValidationError) when another app's guard objects, e.g. a published lesson cites it.
    """
    guards.check([code])
    Code.objects.filter(pk=code.pk).update(retired_at=timezone.now(), version=F("version") + 1)
    code.children.update(parent=code.parent)
    counts_changed(codebook_id=code.codebook_id)
    audit_record(actor=actor, action="themes.code_retire", obj=code, summary=code.name)


@transaction.atomic
def code_restore(*, code: Code, actor: User | None) -> None:
    _check_name(code.codebook, code.name, exclude=code.pk)
    Code.objects.filter(pk=code.pk).update(
        retired_at=None, merged_into=None, version=F("version") + 1
    )
    counts_changed(codebook_id=code.codebook_id)
    audit_record(actor=actor, action="themes.code_restore", obj=code, summary=code.name)


def _check_span(source: Source, start: int, end: int) -> None:
    # Offsets count code points of the redacted text, which is what Python's str indexes.
    if not (0 <= start < end <= len(source.text)):
        raise AnalysisError(
            _("Markeringen %(start)d–%(end)d ligger utanför texten (0–%(n)d tecken).")
            % {"start": start, "end": end, "n": len(source.text)}
        )


def _check_code(source: Source, code: Code) -> None:
    if code.codebook.collection_id != source.collection_id:
        raise AnalysisError(_("Koden hör till en annan insamlings kodbok."))
    if not code.is_active:
        raise AnalysisError(_("Koden ”%(name)s” är avvecklad.") % {"name": code.name})


@transaction.atomic
def coding_create(
    *,
    source: Source,
    code: Code,
    start: int,
    end: int,
    coder: User | None,
    origin: str = Origin.PERSON,
    run: ThemeRun | None = None,
    sample_id: int | None = None,
) -> Coding:
    """Apply a code to a span; the same coder applying the same code to the same span is a no-op."""
    _check_span(source, start, end)
    _check_code(source, code)
    existing = Coding.objects.filter(
        source=source, code=code, start=start, end=end, coder=coder, sample_id=sample_id
    ).first()
    if existing:
        return existing
    coding = Coding.objects.create(
        source=source,
        code=code,
        start=start,
        end=end,
        coder=coder,
        origin=origin,
        run=run,
        sample_id=sample_id,
    )
    if sample_id is None:  # blind sample codings count nowhere but in their sample
        counts_changed(codebook_id=code.codebook_id)
    return coding


def codings_apply_whole(
    *, sources: Iterable[Source], code: Code, coder: User | None, sample_id: int | None = None
) -> int:
    """Code whole answers in one go (the survey grid's bulk action); returns how many were new."""
    made = 0
    for source in sources:
        if not source.text:
            continue
        before = Coding.objects.filter(source=source, code=code).count()
        coding_create(
            source=source,
            code=code,
            start=0,
            end=len(source.text),
            coder=coder,
            sample_id=sample_id,
        )
        made += Coding.objects.filter(source=source, code=code).count() - before
    return made


@transaction.atomic
def coding_delete(*, coding: Coding, actor: User | None) -> None:
    """Remove a coding; refused (ValidationError) when a guard objects, e.g. a published lesson
    quotes it. Citations that do not object (a draft lesson's) are let go first."""
    guards.check([coding])
    guards.release([coding], actor)
    coding.delete()
    counts_changed(codebook_id=Code.objects.get(pk=coding.code_id).codebook_id)


@transaction.atomic
def codings_review(*, codings: Iterable[Coding], actor: User) -> int:
    """A person accepts engine codings: they then count as confirmed, with who and when."""
    ids = [c.pk for c in codings]
    pending = Coding.objects.filter(pk__in=ids, reviewed_at__isnull=True)
    books = set(pending.values_list("code__codebook_id", flat=True))
    reviewed = pending.update(reviewed_by=actor, reviewed_at=timezone.now())
    for codebook_id in books:
        counts_changed(codebook_id=codebook_id)
    return reviewed


def memo_create(
    *,
    codebook: Codebook,
    text: str,
    author: User | None,
    code: Code | None = None,
    source: Source | None = None,
    coding: Coding | None = None,
) -> Memo:
    text = text.strip()
    if not text:
        raise AnalysisError(_("Memot är tomt."))
    return Memo.objects.create(
        codebook=codebook, text=text, author=author, code=code, source=source, coding=coding
    )


def _offset_map(old: str, new: str) -> tuple[list[tuple[int, int, int, int, bool]], int]:
    blocks = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        blocks.append((i1, i2, j1, j2, tag == "equal"))
    return blocks, len(new)


def _map_point(blocks: list[tuple[int, int, int, int, bool]], at: int, end: bool) -> int:
    for i1, i2, j1, j2, equal in blocks:
        if i1 <= at < i2 or (end and i1 < at <= i2):
            if equal:
                return j1 + (at - i1)
            return j2 if end else j1
    return blocks[-1][3] if blocks else 0


@transaction.atomic
def codings_reanchor(*, source: Source, old_text: str, new_text: str) -> int:
    """Called by experiences before a source's redacted text changes: move codings, flag changed ones.

    1. Diff the old and new text (code points). 2. Map each coding's start and end through the
    unchanged stretches. 3. A coding whose words were touched by the change is flagged
    `anchor_changed` so a person rereads it. Returns how many were flagged.
    """
    if old_text == new_text:
        return 0
    codings = list(Coding.objects.filter(source=source))
    if not codings:
        return 0
    blocks, length = _offset_map(old_text, new_text)
    flagged = 0
    for coding in codings:
        start = _map_point(blocks, coding.start, end=False)
        end = _map_point(blocks, coding.end, end=True)
        touched = any(
            not equal and i1 < coding.end and (i2 > coding.start or i1 == i2 == coding.start)
            for i1, i2, _j1, _j2, equal in blocks
        )
        if end <= start:
            start, end = max(0, min(start, length - 1)), min(length, max(start, 0) + 1)
        if end <= start:
            # The text is empty: nothing left to point at, unless a published lesson quotes it.
            guards.check([coding])
            guards.release([coding], None)
            coding.delete()
            counts_changed(codebook_id=Code.objects.get(pk=coding.code_id).codebook_id)
            flagged += 1
            continue
        coding.start, coding.end = start, end
        coding.anchor_changed = coding.anchor_changed or touched
        flagged += touched
        coding.save(update_fields=["start", "end", "anchor_changed"])
    return flagged
