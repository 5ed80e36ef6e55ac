"""The append-only journal: add, correct, and let other apps record what happened."""

from datetime import datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.journal.models import Category, JournalAttachment, JournalEntry, JournalLink
from lagesbild.search.services import search_update
from lagesbild.staff.models import Staff, StaffMember

# Clocks differ a little between a phone and the server; a minute ahead is not "the future".
FUTURE_TOLERANCE = timedelta(minutes=2)


def staff_role_of(*, user: User | None, staff: Staff) -> str:
    """The person's place in the staff today, as the journal records it."""
    if user is None:
        return ""
    member = (
        StaffMember.objects.filter(staff=staff, user=user)
        .active_on(timezone.localdate())
        .order_by("staff_role")
        .first()
    )
    return member.get_staff_role_display() if member else ""


def _next_number(staff: Staff) -> int:
    # Lock the staff row so two entries written at once never get the same number.
    Staff.objects.select_for_update().filter(pk=staff.pk).first()
    top = JournalEntry.objects.filter(staff=staff).aggregate(n=Max("number"))["n"]
    return (top or 0) + 1


@transaction.atomic
def entry_add(
    *,
    staff: Staff,
    by: User | None,
    category: str,
    text: str,
    event_at: datetime | None = None,
    key_event: bool = False,
    links: list[models.Model] | None = None,
    attachments: list[Any] | None = None,
    corrects: JournalEntry | None = None,
    by_label: str = "",
) -> JournalEntry:
    """1. Refuse an empty entry or one in the future. 2. Number it. 3. Link what it is about."""
    now = timezone.now()
    event_at = event_at or now
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = _("Skriv vad som hände.")
    if event_at > now + FUTURE_TOLERANCE:
        errors["event_at"] = _("Händelsens tid kan inte ligga i framtiden.")
    if category not in Category.values:
        errors["category"] = _("Välj en kategori.")
    if corrects is not None and corrects.staff_id != staff.pk:
        errors["corrects"] = _("Anteckningen som rättas hör till en annan stab.")
    if errors:
        raise ValidationError(errors)
    entry = JournalEntry.objects.create(
        staff=staff,
        number=_next_number(staff),
        event_at=event_at,
        entered_at=now,
        author=by,
        author_label=(by.display_name() if by else by_label) or "Lägesbild",
        author_role=staff_role_of(user=by, staff=staff),
        category=category,
        text=text.strip(),
        key_event=key_event,
        corrects=corrects,
    )
    for target in links or []:
        link_add(entry=entry, target=target)
    for upload in attachments or []:
        JournalAttachment.objects.create(entry=entry, file=upload, name=upload.name[:255])
    search_update(obj=entry)
    audit_record(
        actor=by,
        actor_label=entry.author_label,
        action="journal_correction" if corrects else "journal_entry",
        obj=entry,
        summary=f"{entry.code}: {entry.text[:150]}",
    )
    return entry


def link_add(*, entry: JournalEntry, target: models.Model) -> JournalLink:
    return JournalLink.objects.create(
        entry=entry,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        label=str(target)[:300],
    )


def entry_correct(
    *, original: JournalEntry, by: User, text: str, event_at: datetime | None = None
) -> JournalEntry:
    """Put a mistake right with a new entry that points at the original, which stays."""
    return entry_add(
        staff=original.staff,
        by=by,
        category=original.category,
        text=text,
        event_at=event_at or original.event_at,
        key_event=original.key_event,
        corrects=original,
    )


def journal_record(
    *,
    staff: Staff,
    category: str,
    text: str,
    about: models.Model | None = None,
    by: User | None = None,
    key_event: bool = False,
) -> JournalEntry:
    """Another app notes what happened (a report published, a decision recorded…)."""
    return entry_add(
        staff=staff,
        by=by,
        category=category,
        text=text,
        key_event=key_event,
        links=[about] if about is not None else [],
        by_label="Lägesbild",
    )


def entries_citing(target: models.Model) -> models.QuerySet[JournalEntry]:
    """Journal entries that link to this object: the "cited by" side of a link."""
    return JournalEntry.objects.filter(
        links__content_type=ContentType.objects.get_for_model(target),
        links__object_id=target.pk,
    ).distinct()
