"""The sending loop: claim deliveries in the database, send each once, record the outcome.

The rule that makes "once" hold: a delivery is CLAIMED in batches (safe to give back), then
moved to SENDING just before its message is handed to the mail server and to SENT/FAILED/
QUEUED right after. Only a process that dies between those two writes leaves a SENDING row,
and a restarted worker marks exactly those UNCERTAIN for the editor to decide.
"""

import logging
import os
import smtplib
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from lagesbild.distribution.models import Delivery, DeliveryState, SenderProcess
from lagesbild.distribution.services.messages import report_message_template
from lagesbild.lib.emails import (
    MessageTemplate,
    Outcome,
    address_problem,
    smtp_close,
    smtp_connect,
    smtp_send,
    smtp_settings_parse,
)
from lagesbild.reports.models import Report

logger = logging.getLogger("lagesbild.distribution")

BATCH_SIZE = 100
# Seconds to wait before retry n after a temporary refusal; after the last, the delivery fails.
BACKOFF = [15, 60, 300, 900, 1800, 3600, 7200, 14400]
# When the mail server cannot be reached at all, the whole batch waits this long; that is not
# held against any recipient's retries, so mail waits out an outage of any length.
SERVER_DOWN_DELAY = 30
# A sender on another host whose heartbeat is this old is presumed dead.
STALE_AFTER = timedelta(minutes=10)

_identity: tuple[int, str] | None = None


def sender_name() -> str:
    """This process's identity in claimed_by: host, pid and a random part (pids are reused)."""
    global _identity
    if _identity is None or _identity[0] != os.getpid():
        _identity = (
            os.getpid(),
            f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}",
        )
    return _identity[1]


def sender_heartbeat() -> None:
    name = sender_name()
    host, pid, _ = name.rsplit(":", 2)
    updated = SenderProcess.objects.filter(name=name).update(heartbeat_at=timezone.now())
    if not updated:
        SenderProcess.objects.get_or_create(name=name, defaults={"hostname": host, "pid": int(pid)})


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sender_is_alive(name: str, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    host, _, rest = name.partition(":")
    pid_text = rest.partition(":")[0]
    row = SenderProcess.objects.filter(name=name).first()
    fresh = row is not None and now - row.heartbeat_at < STALE_AFTER
    if host == socket.gethostname()[:60] and pid_text.isdigit():
        return _pid_alive(int(pid_text)) and (row is None or fresh)
    return fresh


def deliveries_recover(*, now: datetime | None = None) -> dict[str, int]:
    """Give dead senders' reserved rows back to the queue; mark their in-flight rows uncertain."""
    now = now or timezone.now()
    names = set(
        Delivery.objects.filter(state__in=[DeliveryState.CLAIMED, DeliveryState.SENDING])
        .values_list("claimed_by", flat=True)
        .distinct()
    )
    requeued = uncertain = 0
    for name in names:
        if sender_is_alive(name, now=now):
            continue
        requeued += Delivery.objects.filter(state=DeliveryState.CLAIMED, claimed_by=name).update(
            state=DeliveryState.QUEUED, claimed_by="", claimed_at=None
        )
        uncertain += Delivery.objects.filter(state=DeliveryState.SENDING, claimed_by=name).update(
            state=DeliveryState.UNCERTAIN,
            smtp_response=(
                "Utskicksprocessen avbröts medan brevet lämnades till e-postservern; "
                "det är okänt om det kom fram."
            ),
        )
        SenderProcess.objects.filter(name=name).delete()
    if requeued or uncertain:
        logger.warning("Återställde %s reserverade och %s osäkra utskick", requeued, uncertain)
    return {"requeued": requeued, "uncertain": uncertain}


def _claim_batch(*, report_id: int | None, now: datetime, size: int) -> list[Delivery]:
    me = sender_name()
    with transaction.atomic():
        due = Delivery.objects.filter(state=DeliveryState.QUEUED, due_at__lte=now)
        if report_id is not None:
            due = due.filter(report_id=report_id)
        # PostgreSQL: concurrent workers skip each other's rows. SQLite: the IMMEDIATE
        # transaction already serialises writers, and the state check below decides.
        ids = list(
            due.order_by("due_at", "id")
            .select_for_update(skip_locked=True)
            .values_list("id", flat=True)[:size]
        )
        if not ids:
            return []
        Delivery.objects.filter(id__in=ids, state=DeliveryState.QUEUED).update(
            state=DeliveryState.CLAIMED, claimed_by=me, claimed_at=timezone.now()
        )
    return list(
        Delivery.objects.filter(id__in=ids, state=DeliveryState.CLAIMED, claimed_by=me)
        .only("id", "report_id", "address", "name", "attach_pdf", "attempts", "retry_base")
        .order_by("id")
    )


@dataclass
class SendSummary:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    uncertain: int = 0
    server_down: bool = False
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int | bool]:
        return {
            "sent": self.sent,
            "retrying": self.retrying,
            "failed": self.failed,
            "uncertain": self.uncertain,
            "server_down": self.server_down,
        }


def _record(delivery: Delivery, outcome: Outcome, summary: SendSummary) -> None:
    """Write the outcome of one attempt; only the row this process holds in SENDING changes."""
    now = timezone.now()
    attempts = delivery.attempts + 1
    fields: dict[str, object] = {
        "attempts": attempts,
        "last_attempt_at": now,
        "smtp_code": outcome.code,
        "smtp_response": outcome.response[:2000],
        "claimed_by": "",
    }
    if outcome.kind == "sent":
        fields.update(state=DeliveryState.SENT, sent_at=now)
        summary.sent += 1
    elif outcome.kind == "temporary" and attempts - delivery.retry_base <= len(BACKOFF):
        delay = BACKOFF[attempts - delivery.retry_base - 1]
        fields.update(state=DeliveryState.QUEUED, due_at=now + timedelta(seconds=delay))
        summary.retrying += 1
    elif outcome.kind == "uncertain":
        fields.update(state=DeliveryState.UNCERTAIN)
        summary.uncertain += 1
    else:
        if outcome.kind == "temporary":
            fields["smtp_response"] = (
                f"Gav upp efter {attempts - delivery.retry_base} försök: {outcome.response}"
            )[:2000]
        fields.update(state=DeliveryState.FAILED)
        summary.failed += 1
    _update_row(delivery.pk, DeliveryState.SENDING, fields)


def _update_row(pk: int, expected_state: str, fields: dict[str, object]) -> int:
    """One conditional UPDATE of one row in plain SQL: this runs once or twice per message,
    where the ORM's query building cost as much as the write itself."""
    ops = connection.ops
    columns: list[str] = []
    params: list[Any] = []
    for name, value in fields.items():
        column = Delivery._meta.get_field(name).column  # type: ignore[union-attr]
        if isinstance(value, datetime):
            value = ops.adapt_datetimefield_value(value)
        columns.append(f"{ops.quote_name(str(column))} = %s")
        params.append(value)
    sql = (
        f"UPDATE {ops.quote_name(Delivery._meta.db_table)} SET {', '.join(columns)} "
        "WHERE id = %s AND state = %s AND claimed_by = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, pk, expected_state, sender_name()])
        return int(cursor.rowcount)


def _release(deliveries: list[Delivery], *, reason: str, delay: int) -> None:
    """Give reserved, never-sent deliveries back to the queue (the server could not be reached)."""
    Delivery.objects.filter(
        pk__in=[d.pk for d in deliveries], state=DeliveryState.CLAIMED, claimed_by=sender_name()
    ).update(
        state=DeliveryState.QUEUED,
        claimed_by="",
        claimed_at=None,
        due_at=timezone.now() + timedelta(seconds=delay),
        smtp_code=None,
        smtp_response=reason[:2000],
    )


class _Templates:
    """Per-report message templates, rendered once per process; a few at a time."""

    def __init__(self, limit: int = 8) -> None:
        self.limit = limit
        self.cache: dict[tuple[int, bool], MessageTemplate] = {}

    def get(self, report_id: int, attach_pdf: bool) -> MessageTemplate:
        key = (report_id, attach_pdf)
        if key not in self.cache:
            if len(self.cache) >= self.limit:
                self.cache.pop(next(iter(self.cache)))
            report = Report.objects.select_related("series").get(pk=report_id)
            self.cache[key] = report_message_template(report=report, attach_pdf=attach_pdf)
        return self.cache[key]


def deliveries_send_due(
    *,
    report_id: int | None = None,
    now: datetime | None = None,
    batch_size: int = BATCH_SIZE,
    should_stop: Callable[[], bool] | None = None,
) -> SendSummary:
    """Send every due delivery (of one report, or all) over one reused SMTP connection.

    1. Claim a batch of due rows; stop when there is none.
    2. For each: refuse malformed addresses; personalise the report's pre-rendered message;
       mark SENDING; hand it to the server; record the answer.
    3. If the server cannot be reached, give the rest of the batch back with a delay and stop.
    """
    summary = SendSummary()
    cfg = smtp_settings_parse(settings.SMTP_URL)
    templates = _Templates()
    conn: smtplib.SMTP | None = None
    me = sender_name()
    # The answer for the previous message is written in the same transaction that marks the
    # next one SENDING: one commit per message, and never more than one row in flight.
    pending: tuple[Delivery, Outcome] | None = None

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            _record(pending[0], pending[1], summary)
            pending = None

    try:
        while not (should_stop and should_stop()):
            flush()
            batch = _claim_batch(report_id=report_id, now=now or timezone.now(), size=batch_size)
            if not batch:
                break
            sender_heartbeat()
            for index, delivery in enumerate(batch):
                if should_stop and should_stop():
                    flush()
                    _release(batch[index:], reason="", delay=0)
                    return summary
                problem = address_problem(delivery.address)
                if problem:
                    flush()
                    Delivery.objects.filter(pk=delivery.pk, claimed_by=me).update(
                        state=DeliveryState.SENDING
                    )
                    _record(delivery, Outcome("permanent", None, problem), summary)
                    continue
                if conn is None:
                    try:
                        conn = smtp_connect(cfg)
                    except (OSError, smtplib.SMTPException) as exc:
                        reason = f"E-postservern svarar inte ({cfg.host}:{cfg.port}): {exc}"
                        logger.warning(reason)
                        flush()
                        _release(batch[index:], reason=reason, delay=SERVER_DOWN_DELAY)
                        summary.server_down = True
                        summary.errors.append(reason)
                        return summary
                try:
                    template = templates.get(delivery.report_id, delivery.attach_pdf)
                except Exception as exc:  # a rendering bug must not strand reserved rows
                    logger.exception("Kunde inte skapa brevet för rapport %s", delivery.report_id)
                    reason = f"Kunde inte skapa brevet: {exc}"
                    flush()
                    _release(batch[index:], reason=reason, delay=SERVER_DOWN_DELAY)
                    summary.errors.append(reason)
                    return summary
                message = template.personalise(
                    address=delivery.address,
                    name=delivery.name,
                    fill=f" {delivery.name}" if delivery.name else "",
                )
                with transaction.atomic():
                    flush()
                    marked = _update_row(
                        delivery.pk, DeliveryState.CLAIMED, {"state": DeliveryState.SENDING}
                    )
                if not marked:
                    continue  # taken back by a recovery that thought this process dead
                try:
                    outcome = smtp_send(
                        conn, sender=template.sender, recipient=delivery.address, message=message
                    )
                except (OSError, smtplib.SMTPException) as exc:
                    # The body never reached the server: safe to try again on a new connection.
                    smtp_close(conn)
                    conn = None
                    outcome = Outcome("temporary", None, f"Förbindelsen bröts: {exc}")
                pending = (delivery, outcome)
                if outcome.kind == "uncertain":
                    flush()
                    smtp_close(conn)
                    conn = None
    finally:
        try:
            flush()
        finally:
            smtp_close(conn)
    return summary


def deliveries_next_due(*, report_id: int | None = None) -> datetime | None:
    qs = Delivery.objects.filter(state=DeliveryState.QUEUED)
    if report_id is not None:
        qs = qs.filter(report_id=report_id)
    return qs.order_by("due_at").values_list("due_at", flat=True).first()


def deliveries_in_progress() -> bool:
    return Delivery.objects.filter(
        Q(state=DeliveryState.CLAIMED) | Q(state=DeliveryState.SENDING)
    ).exists()
