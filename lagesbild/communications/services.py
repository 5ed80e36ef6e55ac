"""Changes to communication actions, link collections, press, coverage and FAQ; all audited."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_delete, audit_record, audit_save
from lagesbild.communications.models import (
    CommunicationAction,
    FaqEntry,
    FaqVersion,
    Link,
    LinkCollection,
    MediaCoverage,
    PressInquiry,
)
from lagesbild.lib.emails import plain_mail_send


@transaction.atomic
def action_save(
    *, action: CommunicationAction, by: User, changed: list[str]
) -> CommunicationAction:
    return audit_save(
        obj=action,
        by=by,
        created_action="communications.action_create",
        action="communications.action_update",
        details={"staff": action.staff_id, "changed": changed},
    )


@transaction.atomic
def action_remove(*, action: CommunicationAction, by: User) -> None:
    audit_delete(
        obj=action,
        by=by,
        action="communications.action_remove",
        details={"staff": action.staff_id, "date": action.date.isoformat(), "url": action.url},
    )


@transaction.atomic
def collection_save(
    *, collection: LinkCollection, links: list[Link], removed: list[Link], by: User
) -> LinkCollection:
    """Save a collection and its links in the given order; positions become 0, 1, 2 …"""
    created = collection.pk is None
    collection.save()
    for link in removed:
        if link.pk:
            link.delete()
    for position, link in enumerate(links):
        link.collection = collection
        link.position = position
        link.save()
    audit_record(
        actor=by,
        action="communications.collection_create"
        if created
        else "communications.collection_update",
        obj=collection,
        summary=collection.title,
        details={
            "links": [{"title": link.title, "url": link.url} for link in links],
            "removed": [link.title for link in removed],
        },
    )
    return collection


# --- Press, media coverage and FAQ (issue 14) ------------------------------------------------


@transaction.atomic
def inquiry_save(*, inquiry: PressInquiry, by: User, changed: list[str]) -> PressInquiry:
    return audit_save(
        obj=inquiry,
        by=by,
        created_action="communications.inquiry_create",
        action="communications.inquiry_update",
        details={"staff": inquiry.staff_id, "changed": changed, "status": inquiry.status},
    )


@transaction.atomic
def coverage_save(*, item: MediaCoverage, by: User, changed: list[str]) -> MediaCoverage:
    return audit_save(
        obj=item,
        by=by,
        created_action="communications.coverage_create",
        action="communications.coverage_update",
        details={"staff": item.staff_id, "changed": changed},
    )


@transaction.atomic
def coverage_remove(*, item: MediaCoverage, by: User) -> None:
    audit_delete(
        obj=item, by=by, action="communications.coverage_remove", details={"staff": item.staff_id}
    )


@transaction.atomic
def faq_save(
    *,
    entry: FaqEntry,
    question: str,
    answer: str,
    by: User,
    change_note: str = "",
) -> FaqVersion | None:
    """Save the entry; a changed wording becomes a new version, the old one stays as it was.

    Returns the new version, or None when only the group, order or owner changed.
    """
    errors = {}
    if not question.strip():
        errors["question"] = _("Skriv frågan.")
    if not answer.strip():
        errors["answer"] = _("Skriv svaret.")
    current = entry.current() if entry.pk else None
    changed = current is None or (current.question, current.answer) != (
        question.strip(),
        answer.strip(),
    )
    if current and changed and not change_note.strip():
        errors["change_note"] = _("Skriv vad som ändrats, så att läsarna ser det.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    if changed:
        entry.last_reviewed_at = now
    entry.save()
    version = None
    if changed:
        version = FaqVersion.objects.create(
            entry=entry,
            number=(current.number + 1) if current else 1,
            question=question.strip(),
            answer=answer.strip(),
            change_note=change_note.strip(),
            published_at=now,
            published_by=by,
        )
    audit_record(
        actor=by,
        action="communications.faq_publish" if changed else "communications.faq_update",
        obj=entry,
        summary=question.strip(),
        details={
            "version": version.number if version else None,
            "change_note": change_note.strip(),
            "group": entry.group,
            "owner": entry.owner_id,
        },
    )
    return version


@transaction.atomic
def faq_mark_reviewed(*, entry: FaqEntry, by: User) -> FaqEntry:
    """The owner checked the answer and it still holds: the wording is unchanged."""
    entry.last_reviewed_at = timezone.now()
    return audit_save(
        obj=entry, by=by, action="communications.faq_reviewed", update_fields=["last_reviewed_at"]
    )


def faq_stale(*, now: datetime | None = None) -> dict[User, list[FaqEntry]]:
    """Answers not reviewed in FAQ_STALE_DAYS, per owner (answers without an owner under None)."""
    now = now or timezone.now()
    days = settings.FAQ_STALE_DAYS
    stale: dict[Any, list[FaqEntry]] = {}
    entries = FaqEntry.objects.select_related("owner", "staff").prefetch_related("versions")
    for entry in entries:
        if entry.is_stale(now, days):
            stale.setdefault(entry.owner, []).append(entry)
    return stale


def faq_stale_remind(*, now: datetime | None = None) -> int:
    """E-mail each owner their stale answers, at most once per stale period; returns mails sent."""
    now = now or timezone.now()
    days = settings.FAQ_STALE_DAYS
    sent = 0
    for owner, entries in faq_stale(now=now).items():
        due = [
            e
            for e in entries
            if e.stale_reminded_at is None or (now - e.stale_reminded_at).days >= days
        ]
        if owner is None or not owner.email or not due:
            continue
        url = settings.SITE_URL + reverse("communications:faq_manage")
        lines = "\n".join(f"- {e} (senast granskad {_date(e.last_reviewed_at)})" for e in due)
        text = (
            f"Du är ansvarig för svar i Frågor och svar som inte granskats på {days} dagar:"
            f"\n\n{lines}\n\nÄndra svaret eller markera det som granskat: {url}\n"
        )
        sent += plain_mail_send(
            smtp_url=settings.SMTP_URL,
            sender=settings.DEFAULT_FROM_EMAIL,
            recipients=[owner.email],
            subject=f"Frågor och svar att granska: {len(due)}",
            text=text,
        )
        FaqEntry.objects.filter(pk__in=[e.pk for e in due]).update(stale_reminded_at=now)
    return sent


def _date(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d") if moment else "aldrig"
