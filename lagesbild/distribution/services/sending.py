"""The sending loop: claim deliveries in the database, send each once, record the outcome.

The rule that makes "once" hold: a delivery is CLAIMED in batches (safe to give back), then
moved to SENDING just before its message is handed to the mail server and to SENT/FAILED/
QUEUED right after. Only a process that dies between those two writes leaves a SENDING row,
and a restarted worker marks exactly those UNCERTAIN for the editor to decide.
"""

import logging
import time
from collections import deque
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TypeVar

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from lagesbild.distribution.models import Delivery, DeliveryState
from lagesbild.distribution.services.messages import report_message_template
from lagesbild.distribution.services.outcomes import (
    SERVER_DOWN_DELAY,
    SendSummary,
    deliveries_release,
    round_write,
)
from lagesbild.distribution.services.relay import THROTTLE_CODES, Job, RelayPool, Result
from lagesbild.distribution.services.senders import sender_heartbeat, sender_name, sender_retire
from lagesbild.lib.emails import MessageTemplate, Outcome, address_problem, smtp_settings_parse
from lagesbild.reports.models import Report

logger = logging.getLogger("lagesbild.distribution")

BATCH_SIZE = 100
# Seconds the loop waits for more answers before it records those it has (see the loop).
LINGER = 0.003
# Seconds between tries of a database write after a transient error ("database is locked").
DB_RETRY_DELAYS = [0.2, 0.5, 1, 2, 4, 8]

_T = TypeVar("_T")


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


class _Window:
    """How many messages may be in flight: all connections, halved when the relay says 421/451.

    After a halving no new message is handed over for a pause (0.5 s, doubling up to 30 s
    while the relay keeps refusing); every 20 accepted messages give one connection back.
    """

    def __init__(self, limit: int) -> None:
        self.limit = self.size = max(1, limit)
        self.pause = 0.5
        self.pause_until = 0.0
        self.streak = 0

    def paused(self) -> float:
        return max(0.0, self.pause_until - time.monotonic())

    def shrink(self) -> None:
        if self.paused():
            return  # one slow-down per pause, not one per refusal in the same burst
        self.size = max(1, self.size // 2)
        self.pause_until = time.monotonic() + self.pause
        self.pause = min(self.pause * 2, 30.0)
        self.streak = 0

    def grow(self) -> None:
        self.streak += 1
        if self.streak >= 20 and self.size < self.limit:
            self.size += 1
            self.streak = 0
            if self.size == self.limit:
                self.pause = 0.5


def _db_retry(fn: Callable[[], _T]) -> _T:
    """Run a write again after a transient database error ("database is locked", a dropped
    PostgreSQL connection), with back-off: the outcomes it records are already known."""
    for delay in DB_RETRY_DELAYS:
        try:
            return fn()
        except (OperationalError, InterfaceError) as exc:
            logger.warning("Databasen svarade inte (%s); försöker igen om %s s", exc, delay)
            if connection.in_atomic_block:
                raise
            connection.close_if_unusable_or_obsolete()
            time.sleep(delay)
    return fn()


def send_summary_log(summary: SendSummary) -> None:
    """One line per round that did something, whether the worker's loop or a task sent."""
    if summary.sent or summary.failed or summary.uncertain:
        logger.info(
            "Skickade %s, misslyckade %s, osäkra %s, nya försök %s",
            summary.sent,
            summary.failed,
            summary.uncertain,
            summary.retrying,
        )


def deliveries_send_due(
    *,
    report_id: int | None = None,
    now: datetime | None = None,
    batch_size: int = BATCH_SIZE,
    should_stop: Callable[[], bool] | None = None,
    connections: int | None = None,
) -> SendSummary:
    """Send every due delivery (of one report, or all) over several SMTP connections at once.

    1. Claim due rows in batches (CLAIMED); stop claiming when none is due.
    2. Hand over as many as the window allows (at most one per connection): each is marked
       SENDING in the same transaction that records the outcomes that came back since the
       last round, then given to a connection thread, which personalises and sends it.
    3. A malformed address fails without being handed over. 421/451 halve the window.
    4. If no connection can be opened at all, everything not sent goes back to the queue
       with a delay, and the loop stops.
    At most `connections` rows of this process are ever SENDING: that is what a kill can
    leave uncertain.
    """
    summary = SendSummary()
    cfg = smtp_settings_parse(settings.SMTP_URL)
    pool = RelayPool(
        cfg,
        connections=connections or settings.SMTP_CONNECTIONS,
        per_connection=settings.SMTP_MESSAGES_PER_CONNECTION,
    )
    window = _Window(pool.size)
    templates = _Templates()
    claimed: deque[Delivery] = deque()
    in_flight: dict[int, Delivery] = {}
    done: list[tuple[Delivery, Outcome]] = []
    exhausted = halted = False

    def collect(results: list[Result]) -> None:
        nonlocal halted
        for result in results:
            delivery = in_flight.pop(result.job.delivery_id)
            outcome = result.outcome
            if result.unreachable:
                if not pool.connected_once.is_set():
                    if not summary.server_down:
                        logger.warning(outcome.response)
                        summary.errors.append(outcome.response)
                    summary.server_down = halted = True
                else:
                    window.shrink()  # the relay refuses more connections: use fewer
                outcome = Outcome("unreachable", None, outcome.response)
            elif outcome.code in THROTTLE_CODES:
                window.shrink()
            elif outcome.kind == "sent":
                window.grow()
            done.append((delivery, outcome))

    failed = True
    try:
        while True:
            if not halted and should_stop and should_stop():
                halted = True
            if not halted and not exhausted and len(claimed) < window.size:
                batch = _db_retry(
                    lambda: _claim_batch(
                        report_id=report_id, now=now or timezone.now(), size=batch_size
                    )
                )
                if batch:
                    claimed.extend(batch)
                    sender_heartbeat()
                else:
                    exhausted = True
            handover: list[tuple[Delivery, MessageTemplate]] = []
            while (
                not halted
                and not window.paused()
                and claimed
                and len(in_flight) + len(handover) < window.size
            ):
                delivery = claimed.popleft()
                problem = address_problem(delivery.address)
                if problem:
                    done.append((delivery, Outcome("permanent", None, problem)))
                    continue
                try:
                    template = templates.get(delivery.report_id, delivery.attach_pdf)
                except Exception as exc:  # a rendering bug must not strand reserved rows
                    logger.exception("Kunde inte skapa brevet för rapport %s", delivery.report_id)
                    reason = f"Kunde inte skapa brevet: {exc}"
                    claimed.appendleft(delivery)
                    deliveries_release(list(claimed), reason=reason, delay=SERVER_DOWN_DELAY)
                    claimed.clear()
                    summary.errors.append(reason)
                    halted = True
                    break
                handover.append((delivery, template))
            if done or handover:
                ids = [d.pk for d, _t in handover]
                marked = _db_retry(partial(round_write, list(done), ids, summary))
                done.clear()
                for delivery, template in handover:
                    if delivery.pk in marked:  # else taken back by a recovery
                        in_flight[delivery.pk] = delivery
                        pool.submit(
                            Job(delivery.pk, delivery.address, delivery.name or "", template)
                        )
            if in_flight:
                # Wait briefly for half the connections to answer, so one commit records
                # several outcomes; a slow relay's answers are never held up more than LINGER.
                collect(
                    pool.wait(
                        timeout=cfg.timeout * 3 + 5, enough=(len(in_flight) + 1) // 2, linger=LINGER
                    )
                )
            elif halted or (exhausted and not claimed):
                break
            elif window.paused():
                time.sleep(min(window.paused(), 0.5))
        failed = False
    finally:
        try:
            collect(pool.close(timeout=cfg.timeout * 3 + 5))
            if done:
                _db_retry(partial(round_write, list(done), [], summary))
            reason = summary.errors[-1] if summary.errors else ""
            delay = SERVER_DOWN_DELAY if summary.server_down else 0
            deliveries_release(list(claimed), reason=reason, delay=delay)
        except Exception:
            failed = True
            raise
        finally:
            if failed:
                # The database failed for longer than the retries: take a new identity so
                # the next round puts this identity's claims back and marks its in-flight
                # rows uncertain, instead of them waiting for a process that still lives.
                sender_retire()
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
