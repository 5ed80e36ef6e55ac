"""Collections and sources: register, redact, index, reveal the original (logged)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.engine.redact import find_phrase, redact
from lagesbild.experiences.models import (
    DEFAULT_CATEGORIES,
    Attendance,
    Channel,
    Collection,
    ParticipantCategory,
    Redaction,
    Source,
)
from lagesbild.experiences.search import search_index
from lagesbild.staff.models import Staff

_NON_WORD_RE = re.compile(r"[\W_]+", re.UNICODE)
# Short answers ("Bra.", "Supporten hjälpte oss") coincide between different people by nature;
# only texts at least this long count as the same text registered twice.
DUPLICATE_MIN_WORDS = 8

# Called as listener(source=, old_text=, new_text=) before a source's redacted text changes.
# The analysis registers one (themes re-anchors its codings) in its AppConfig.ready(), so
# experiences never imports the apps that build on it.
TEXT_CHANGE_LISTENERS: list[Callable[..., object]] = []
# Called as listener(collection_id=) in the same transaction after a source was deleted or its
# details (category, channel, respondent) changed: the analysis keeps exact counts by it.
SOURCE_CHANGE_LISTENERS: list[Callable[..., object]] = []


def _sources_changed(collection_id: int) -> None:
    for listener in SOURCE_CHANGE_LISTENERS:
        listener(collection_id=collection_id)


def text_fingerprint(text: str) -> str:
    """A hash of the text with case, accents' composition, punctuation and spacing normalised."""
    normal = unicodedata.normalize("NFKC", text).casefold()
    normal = _NON_WORD_RE.sub(" ", normal).strip()
    if len(normal.split()) < DUPLICATE_MIN_WORDS:
        return ""
    return hashlib.sha256(normal.encode()).hexdigest()


def collection_create(
    *,
    staff: Staff,
    title: str,
    slug: str,
    purpose: str = "",
    period_start: date | None = None,
    period_end: date | None = None,
    categories: list[str] | None = None,
    actor: User | None = None,
    actor_label: str = "",
) -> Collection:
    with transaction.atomic():
        collection = Collection.objects.create(
            staff=staff,
            title=title,
            slug=slug,
            purpose=purpose,
            period_start=period_start,
            period_end=period_end,
        )
        collection_set_categories(collection=collection, names=categories or DEFAULT_CATEGORIES)
        audit_record(
            actor=actor,
            actor_label=actor_label,
            action="experiences.collection_create",
            obj=collection,
            summary=title,
        )
    return collection


def collection_update(
    *, collection: Collection, changes: dict[str, Any], categories: list[str], actor: User
) -> Collection:
    """Save edited details and categories, and leave an audit entry naming the changed fields."""
    with transaction.atomic():
        # Compared with the stored row: a bound ModelForm has already changed the instance.
        stored = Collection.objects.get(pk=collection.pk)
        changed = sorted(k for k, v in changes.items() if getattr(stored, k) != v)
        for name, value in changes.items():
            setattr(collection, name, value)
        collection.save()
        before = [c.name for c in collection.categories.all()]
        collection_set_categories(collection=collection, names=categories)
        after = [c.name for c in collection.categories.all()]
        audit_record(
            actor=actor,
            action="experiences.collection_update",
            obj=collection,
            summary=collection.title,
            details={"fields": changed, "categories_changed": before != after},
        )
    return collection


def collection_set_categories(*, collection: Collection, names: list[str]) -> None:
    """Keep categories in the given order; add new ones, drop unused ones that were removed."""
    wanted = [n.strip() for n in names if n.strip()]
    existing = {c.name.casefold(): c for c in collection.categories.all()}
    for position, name in enumerate(wanted):
        category = existing.pop(name.casefold(), None)
        if category is None:
            ParticipantCategory.objects.create(collection=collection, name=name, position=position)
        elif category.position != position or category.name != name:
            category.position, category.name = position, name
            category.save(update_fields=["position", "name"])
    for category in existing.values():
        # A category that sources already point to stays, at the end, rather than losing data.
        if Source.objects.filter(category=category).exists():
            category.position = len(wanted) + category.position
            category.save(update_fields=["position"])
        else:
            category.delete()


@dataclass
class SourceInput:
    """What a caller knows about one source; channel-specific fields go in `fields`."""

    channel: str
    text: str = ""
    date: date | None = None
    category: ParticipantCategory | None = None
    title: str = ""
    file: File | None = None
    file_name: str = ""
    needs_manual_text: bool = False
    fields: dict[str, Any] = field(default_factory=dict)
    attendance: dict[int, int] = field(default_factory=dict)


# Every text field of a source that a person can read, besides `text`, passes the redactor.
REDACTED_FIELDS = (
    "title",
    "file_name",
    "place",
    "organiser",
    "sender",
    "addressee",
    "registration_number",
    "interviewee_role",
)


def redact_value(value: Any) -> Any:
    """Strings redacted; dicts and lists (survey attributes) walked; anything else kept."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: redact_value(v) for key, v in value.items()}
    if isinstance(value, list):
        return [redact_value(v) for v in value]
    return value


def redact_fields(values: dict[str, Any]) -> dict[str, Any]:
    return {
        k: redact_value(v) if k in REDACTED_FIELDS or k == "attributes" else v
        for k, v in values.items()
    }


def stored_file_name(name: str) -> str:
    """A neutral name for the file on disk: the uploaded name may itself be personal data."""
    suffix = Path(name).suffix.lower()
    return f"{uuid.uuid4().hex}{suffix if suffix.isascii() and len(suffix) <= 8 else ''}"


def source_build(*, collection: Collection, item: SourceInput) -> Source:
    """An unsaved Source with its redacted text, details and fingerprint filled in."""
    redacted = redact(item.text)
    source = Source(
        collection=collection,
        channel=item.channel,
        date=item.date,
        category=item.category,
        text=redacted,
        original_text=item.text,
        text_hash=text_fingerprint(redacted),
        needs_manual_text=item.needs_manual_text,
        **redact_fields(
            {
                "title": item.title,
                "file_name": item.file_name or (item.file.name or "" if item.file else ""),
                **item.fields,
            }
        ),
    )
    return source


def source_register(*, collection: Collection, item: SourceInput, actor: User | None) -> Source:
    """Register one source by a member of staff (meeting, letter, interview, document)."""
    with transaction.atomic():
        source = source_build(collection=collection, item=item)
        source.registered_by = actor
        source.registered_at = timezone.now()
        if item.file is not None:
            source.file.save(stored_file_name(item.file.name or ""), item.file, save=False)
        source.save()
        for category_id, count in item.attendance.items():
            if count:
                Attendance.objects.create(source=source, category_id=category_id, count=count)
        search_index(items=[(source.pk, source.text)])
        audit_record(
            actor=actor,
            action="experiences.source_register",
            obj=source,
            summary=f"{source.get_channel_display()}: {source}",
        )
    return source


def source_refresh_text(*, source: Source, text: str | None = None) -> Source:
    """Redact (again) from the original and the analysts' marked phrases, and re-index."""
    if text is not None:
        source.original_text = text
        if text.strip():
            source.needs_manual_text = False
    phrases = list(source.redactions.values_list("phrase", flat=True))
    spans = [s for p in phrases for s in find_phrase(source.original_text, p)]
    old_text = source.text
    source.text = redact(source.original_text, spans)
    # Things that point into the redacted text (the analysis's codings) move with it.
    for listener in TEXT_CHANGE_LISTENERS:
        listener(source=source, old_text=old_text, new_text=source.text)
    source.text_hash = text_fingerprint(source.text)
    source.save(update_fields=["original_text", "text", "text_hash", "needs_manual_text"])
    search_index(items=[(source.pk, source.text)])
    return source


def source_update(
    *, source: Source, actor: User, changes: dict[str, Any], text: str | None = None
) -> Source:
    """Edit a source's details and text; the editor works on the redacted text, never the original.

    `text` is what the editor saw (the redacted text) after editing. Unchanged, the original
    stays as it is; changed, the edited text becomes the new original (its redactions stay
    redacted, since the editor never saw what was behind them) and is redacted again.
    """
    with transaction.atomic():
        for name, value in redact_fields(changes).items():
            setattr(source, name, value)
        source.save()
        _sources_changed(source.collection_id)
        text_changed = text is not None and text != source.text
        if text_changed:
            source_refresh_text(source=source, text=text)
        audit_record(
            actor=actor,
            action="experiences.source_update",
            obj=source,
            summary=str(source),
            details={"fields": sorted(changes), "text_changed": text_changed},
        )
    return source


def source_mark_personal(*, source: Source, phrase: str, actor: User) -> int:
    """Redact every occurrence of a phrase in this source; returns how many were found."""
    phrase = " ".join(phrase.split())
    found = len(find_phrase(source.original_text, phrase))
    if not found:
        return 0
    with transaction.atomic():
        Redaction.objects.create(source=source, phrase=phrase, created_by=actor)
        source_refresh_text(source=source)
        # The phrase itself is personal data, so the audit entry says how many, never what.
        audit_record(
            actor=actor,
            action="experiences.source_mark_personal",
            obj=source,
            summary=f"{found} förekomster maskerade",
        )
    return found


def source_reveal_original(*, source: Source, actor: User) -> str:
    """The unredacted text for the administrator; every viewing leaves an audit entry."""
    audit_record(
        actor=actor,
        action="experiences.source_view_original",
        obj=source,
        summary=str(source),
    )
    return source.original_text


def source_delete(*, source: Source, actor: User) -> None:
    from lagesbild.experiences.search import search_forget

    with transaction.atomic():
        audit_record(
            actor=actor, action="experiences.source_delete", obj=source, summary=str(source)
        )
        search_forget(source_ids=[source.pk])
        if source.file:
            source.file.delete(save=False)
        source.delete()
        _sources_changed(source.collection_id)


CHANNELS_WITH_DOCUMENTS = [Channel.MEETING, Channel.LETTER, Channel.INTERVIEW]
