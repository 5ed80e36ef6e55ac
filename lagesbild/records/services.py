"""Registering, reviewing, deciding, escalating and purging records requests; all audited.

Every function validates before it writes and runs in one transaction, so bad input leaves
nothing half-saved. A decided request refuses every change except a supplement (a note).
"""

from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record, audit_save
from lagesbild.journal.models import Category
from lagesbild.journal.services.journal import journal_record
from lagesbild.lib.dates import short_stamp
from lagesbild.lib.pdf import render_markdown_pdf
from lagesbild.records.decision_text import decision_markdown
from lagesbild.records.linking import REGISTRY
from lagesbild.records.models import (
    DocumentKind,
    Outcome,
    RecordsRequest,
    RequestedDocument,
    RequestNote,
    Review,
)
from lagesbild.staff.models import Staff


def _refuse_if_decided(request: RecordsRequest) -> None:
    if request.is_decided:
        raise ValidationError(
            _("Begäran %(number)s är beslutad och kan inte ändras, bara kompletteras.")
            % {"number": request.number}
        )


def _number(year: int, sequence: int) -> str:
    return str(settings.RECORDS_NUMBER_FORMAT).format(year=year, seq=sequence)


def request_register(
    *,
    staff: Staff,
    received_at: datetime,
    channel: str,
    description: str,
    by: User | None,
    requester_name: str = "",
    requester_contact: str = "",
    handler: User | None = None,
) -> RecordsRequest:
    """Register a request and give it the year's next registration number (diarienummer)."""
    errors = {}
    if not description.strip():
        errors["description"] = _("Beskriv vad som begärs.")
    if received_at > timezone.now() + timedelta(minutes=5):
        errors["received_at"] = _("En begäran kan inte ha kommit in i framtiden.")
    if errors:
        raise ValidationError(errors)
    year = timezone.localtime(received_at).year
    # Two registrations at once may pick the same number; the unique constraint decides.
    for _attempt in range(5):
        try:
            with transaction.atomic():
                last = RecordsRequest.objects.filter(year=year).aggregate(m=Max("sequence"))["m"]
                sequence = (last or 0) + 1
                request = RecordsRequest.objects.create(
                    staff=staff,
                    number=_number(year, sequence),
                    year=year,
                    sequence=sequence,
                    received_at=received_at,
                    channel=channel,
                    description=description.strip(),
                    requester_name=requester_name.strip(),
                    requester_contact=requester_contact.strip(),
                    handler=handler,
                    registered_by=by,
                )
                audit_record(
                    actor=by,
                    action="records.request_register",
                    obj=request,
                    summary=request.number,
                    details={
                        "staff": staff.pk,
                        "received_at": received_at.isoformat(),
                        "channel": channel,
                        "handler": handler.pk if handler else None,
                    },
                )
                transaction.on_commit(
                    partial(_enqueue_escalation_check, request.pk, request.deadline())
                )
                return request
        except IntegrityError:
            continue
    raise ValidationError(_("Kunde inte ge begäran ett diarienummer. Försök igen."))


@transaction.atomic
def request_assign(*, request: RecordsRequest, handler: User | None, by: User) -> RecordsRequest:
    _refuse_if_decided(request)
    request.handler = handler
    return audit_save(
        obj=request,
        by=by,
        action="records.request_assign",
        summary=request.number,
        details={"handler": handler.pk if handler else None},
        update_fields=["handler"],
    )


@transaction.atomic
def request_supplement(*, request: RecordsRequest, text: str, by: User) -> RequestNote:
    """Add a note; the only change a decided request takes."""
    if not text.strip():
        raise ValidationError({"text": _("Skriv vad kompletteringen gäller.")})
    note = RequestNote.objects.create(request=request, text=text.strip(), by=by)
    audit_record(
        actor=by,
        action="records.request_supplement",
        obj=request,
        summary=request.number,
        details={"note": note.pk},
    )
    return note


@transaction.atomic
def document_add(
    *,
    request: RecordsRequest,
    title: str,
    kind: str,
    by: User,
    original: File | None = None,
    link_kind: str = "",
    link_id: int | None = None,
) -> RequestedDocument:
    """Add a document: an uploaded file, or a link to something Lägesbild holds."""
    _refuse_if_decided(request)
    if not title.strip():
        raise ValidationError({"title": _("Ange vilken handling det gäller.")})
    if kind == DocumentKind.LINKED:
        link = REGISTRY.get(link_kind)
        obj = link.find(link_id) if (link and link_id) else None
        if link is None or obj is None or link.staff_of(obj) != request.staff:
            raise ValidationError(
                {"link_id": _("Handlingen finns inte (okänd typ eller id i den här staben).")}
            )
    else:
        link_kind, link_id = "", None
    document = RequestedDocument(
        request=request, title=title.strip(), kind=kind, link_kind=link_kind, link_id=link_id
    )
    if original is not None:
        document.original.save(original.name or "handling", original, save=False)
    document.save()
    audit_record(
        actor=by,
        action="records.document_add",
        obj=request,
        summary=f"{request.number}: {document.title}",
        details={"document": document.pk, "kind": kind, "link": [link_kind, link_id]},
    )
    return document


@transaction.atomic
def document_review(
    *,
    document: RequestedDocument,
    outcome: str,
    by: User,
    legal_ground: str = "",
    released_file: File | None = None,
    at: datetime | None = None,
) -> RequestedDocument:
    """Record the secrecy review; redactions and withholding need the OSL chapter and section."""
    _refuse_if_decided(document.request)
    if outcome not in Review.values:
        raise ValidationError({"outcome": _("Välj utfallet av sekretessprövningen.")})
    if outcome in (Review.REDACTED, Review.WITHHELD) and not legal_ground.strip():
        raise ValidationError(
            {"legal_ground": _("Ange lagrum i OSL (kapitel och paragraf), t.ex. 21 kap. 7 § OSL.")}
        )
    document.outcome = outcome
    document.legal_ground = legal_ground.strip() if outcome != Review.FULL else ""
    document.reviewed_by = by
    document.reviewed_at = at or timezone.now()
    if released_file is not None and outcome != Review.WITHHELD:
        document.released_file.save(released_file.name or "utlamnad", released_file, save=False)
    return audit_save(
        obj=document,
        by=by,
        action="records.document_review",
        about=document.request,
        summary=f"{document.request.number}: {document.title}",
        details={"document": document.pk, "outcome": outcome, "legal_ground": legal_ground},
    )


@transaction.atomic
def request_decide(
    *,
    request: RecordsRequest,
    outcome: str,
    by: User,
    grounds: str = "",
    appeal_notice: str = "",
    at: datetime | None = None,
) -> RecordsRequest:
    """Decide: every document reviewed first; a (partial) refusal needs grounds and an appeal notice."""
    _refuse_if_decided(request)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Välj beslut.")})
    documents = list(request.documents.all())
    errors: dict[str, list[str]] = {}
    if any(not d.outcome for d in documents):
        errors.setdefault("outcome", []).append(
            _("Alla handlingar måste sekretessprövas före beslut.")
        )
    withheld = any(d.outcome in (Review.REDACTED, Review.WITHHELD) for d in documents)
    if outcome == Outcome.RELEASED and withheld:
        errors.setdefault("outcome", []).append(
            _(
                "Handlingar lämnas ut med maskeringar eller inte alls: beslutet blir delvis eller avslag."
            )
        )
    if outcome in (Outcome.REFUSED, Outcome.PARTLY):
        if not grounds.strip():
            errors.setdefault("grounds", []).append(_("Ett avslag måste ha skäl."))
        if not appeal_notice.strip():
            errors.setdefault("appeal_notice", []).append(
                _("Ett avslag måste ha en överklagandehänvisning.")
            )
    if errors:
        raise ValidationError(errors)
    request.outcome = outcome
    request.grounds = grounds.strip()
    request.appeal_notice = appeal_notice.strip() if outcome != Outcome.RELEASED else ""
    request.decided_at = at or timezone.now()
    request.decided_by = by
    if outcome != Outcome.RELEASED:
        pdf = render_markdown_pdf(
            title=_("Beslut om utlämnande av allmän handling"),
            subtitle=f"{request.staff.name} · {request.number}",
            identity=f"{request.number} · {short_stamp(request.decided_at)}",
            markdown=decision_markdown(request),
            timestamp=int(request.decided_at.timestamp()),
        )
        name = f"beslut-{request.year}-{request.sequence:04d}.pdf"
        request.decision_pdf.save(name, ContentFile(pdf), save=False)
    request.save()
    audit_record(
        actor=by,
        action="records.request_decide",
        obj=request,
        summary=f"{request.number}: {request.get_outcome_display()}",
        details={
            "outcome": outcome,
            "working_hours": round(request.age_hours(), 2),
            "same_day": request.decided_same_day(),
        },
    )
    journal_record(
        staff=request.staff,
        category=Category.DECISION,
        text=_("Begäran om allmän handling %(number)s är beslutad: %(outcome)s.")
        % {"number": request.number, "outcome": request.get_outcome_display().lower()},
        about=request,
        by=by,
    )
    return request


# The tasks are found by name: tasks.py builds on these services, so importing it is a cycle.
def _enqueue_escalation(request_id: int) -> None:
    import_string("lagesbild.records.tasks.escalation_send").enqueue(request_id)


def _enqueue_escalation_check(request_id: int, due: datetime) -> None:
    """Ask the queue to look at the request when its deadline passes (if it can defer)."""
    escalation_check = import_string("lagesbild.records.tasks.escalation_check")
    if escalation_check.get_backend().supports_defer:
        escalation_check.using(run_after=due).enqueue(request_id)


def request_escalate(*, request: RecordsRequest, now: datetime | None = None) -> bool:
    """Escalate one open request past its deadline, once; the e-mail goes after commit."""
    now = now or timezone.now()
    if request.is_decided or request.deadline() > now:
        return False
    with transaction.atomic():
        claimed = RecordsRequest.objects.filter(
            pk=request.pk, escalated_at__isnull=True, decided_at__isnull=True
        ).update(escalated_at=now)
        if not claimed:
            return False
        request.escalated_at = now
        audit_record(
            actor=None,
            actor_label="system",
            action="records.request_escalate",
            obj=request,
            summary=request.number,
            details={"deadline": request.deadline().isoformat()},
        )
        transaction.on_commit(partial(_enqueue_escalation, request.pk))
    return True


def requests_escalate(*, now: datetime | None = None) -> list[RecordsRequest]:
    """Escalate every open request past its deadline (`records-due --eskalera`, from cron).

    A request escalated earlier whose e-mail could not be sent is queued again.
    """
    now = now or timezone.now()
    escalated = []
    for request in RecordsRequest.objects.open().filter(escalation_sent_at__isnull=True):
        if request.escalated_at is not None:
            transaction.on_commit(partial(_enqueue_escalation, request.pk))
        elif request_escalate(request=request, now=now):
            escalated.append(request)
    return escalated


def requests_purge(*, now: datetime | None = None, days: int | None = None) -> list[str]:
    """Remove requester details from requests decided longer ago than the retention period."""
    now = now or timezone.now()
    days = settings.RECORDS_RETENTION_DAYS if days is None else days
    cutoff = now - timedelta(days=days)
    purged = []
    due = RecordsRequest.objects.decided().filter(decided_at__lt=cutoff, requester_purged_at=None)
    for request in due:
        with transaction.atomic():
            had = bool(request.requester_name or request.requester_contact)
            request.requester_name = ""
            request.requester_contact = ""
            request.requester_purged_at = now
            request.save(
                update_fields=["requester_name", "requester_contact", "requester_purged_at"]
            )
            audit_record(
                actor=None,
                actor_label="system",
                action="records.requester_purge",
                obj=request,
                summary=request.number,
                details={"had_details": had, "retention_days": days},
            )
        purged.append(request.number)
    return purged


def released_documents(*, staffs: Any, query: str = "") -> list[RequestedDocument]:
    """What was released (in full or with redactions), newest decision first; optionally matching."""
    docs = RequestedDocument.objects.filter(
        request__staff__in=staffs,
        request__decided_at__isnull=False,
        outcome__in=[Review.FULL, Review.REDACTED],
    ).select_related("request")
    if query.strip():
        from django.db.models import Q

        q = query.strip()
        docs = docs.filter(Q(title__icontains=q) | Q(request__description__icontains=q))
    return list(docs.order_by("-request__decided_at", "id"))
