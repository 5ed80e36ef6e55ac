"""What the sending loop writes: each attempt's outcome on its delivery, in one transaction
per round, and the reserved deliveries it gives back when it cannot send them.

The loop itself (claiming, the window, the connections) is in services/sending.py.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from lagesbild.distribution.models import Delivery, DeliveryState
from lagesbild.distribution.services.senders import sender_name
from lagesbild.lib.emails import Outcome

# Seconds to wait before retry n after a temporary refusal; after the last, the delivery fails.
BACKOFF = [15, 60, 300, 900, 1800, 3600, 7200, 14400]
# When the mail server cannot be reached at all, the whole batch waits this long; that is not
# held against any recipient's retries, so mail waits out an outage of any length.
SERVER_DOWN_DELAY = 30


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


def outcome_fields(delivery: Delivery, outcome: Outcome, now: datetime) -> dict[str, object]:
    """The columns one attempt's outcome writes."""
    if outcome.kind == "unreachable":
        # Never handed over: back to the queue, not held against the recipient's retries.
        return {
            "state": DeliveryState.QUEUED,
            "claimed_by": "",
            "claimed_at": None,
            "due_at": now + timedelta(seconds=SERVER_DOWN_DELAY),
            "smtp_code": None,
            "smtp_response": outcome.response[:2000],
        }
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
    elif outcome.kind == "temporary" and outcome.code == 421:
        # The relay closed the connection because it is busy: try again soon, and do not
        # count it against the recipient (the retry base moves along with the attempt).
        fields.update(
            state=DeliveryState.QUEUED,
            retry_base=delivery.retry_base + 1,
            due_at=now + timedelta(seconds=BACKOFF[0]),
        )
    elif outcome.kind == "temporary" and attempts - delivery.retry_base <= len(BACKOFF):
        delay = BACKOFF[attempts - delivery.retry_base - 1]
        fields.update(state=DeliveryState.QUEUED, due_at=now + timedelta(seconds=delay))
    elif outcome.kind == "uncertain":
        fields.update(state=DeliveryState.UNCERTAIN)
    else:
        if outcome.kind == "temporary":
            fields["smtp_response"] = (
                f"Gav upp efter {attempts - delivery.retry_base} försök: {outcome.response}"
            )[:2000]
        fields.update(state=DeliveryState.FAILED)
    return fields


def outcome_count(fields: dict[str, object], summary: SendSummary) -> None:
    if "attempts" not in fields:
        return  # never handed over (server unreachable): not an attempt
    state = fields["state"]
    if state == DeliveryState.SENT:
        summary.sent += 1
    elif state == DeliveryState.QUEUED:
        summary.retrying += 1
    elif state == DeliveryState.UNCERTAIN:
        summary.uncertain += 1
    else:
        summary.failed += 1


def round_write(
    outcomes: list[tuple[Delivery, Outcome]], to_mark: list[int], summary: SendSummary
) -> set[int]:
    """One transaction: record the finished messages and mark the next ones SENDING.

    Rows with the same set of columns share one statement (executemany; psycopg pipelines it),
    so a round costs one commit however many connections answered. Returns the ids marked.
    """
    now = timezone.now()
    ops = connection.ops
    table = ops.quote_name(Delivery._meta.db_table)
    me = sender_name()
    groups: dict[tuple[str, ...], list[list[Any]]] = {}
    counted = []
    for delivery, outcome in outcomes:
        fields = outcome_fields(delivery, outcome, now)
        counted.append(fields)
        params = [
            ops.adapt_datetimefield_value(v) if isinstance(v, datetime) else v
            for v in fields.values()
        ]
        groups.setdefault(tuple(fields), []).append([*params, delivery.pk, me])
    marked: set[int] = set()
    with transaction.atomic(), connection.cursor() as cursor:
        for names, rows in groups.items():
            columns = ", ".join(
                f"{ops.quote_name(str(Delivery._meta.get_field(n).column))} = %s"  # type: ignore[union-attr]
                for n in names
            )
            # Only a row this process still holds changes: a recovery that took it back wins.
            cursor.executemany(
                f"UPDATE {table} SET {columns} WHERE id = %s AND claimed_by = %s "
                f"AND state IN ('{DeliveryState.CLAIMED}', '{DeliveryState.SENDING}')",
                rows,
            )
        if to_mark:
            marks = ", ".join(["%s"] * len(to_mark))
            cursor.execute(
                f"UPDATE {table} SET state = %s WHERE id IN ({marks}) AND state = %s "
                "AND claimed_by = %s",
                [DeliveryState.SENDING, *to_mark, DeliveryState.CLAIMED, me],
            )
            if cursor.rowcount == len(to_mark):
                marked = set(to_mark)
            else:
                marked = set(
                    Delivery.objects.filter(
                        id__in=to_mark, state=DeliveryState.SENDING, claimed_by=me
                    ).values_list("id", flat=True)
                )
    for fields in counted:
        outcome_count(fields, summary)
    return marked


def deliveries_release(deliveries: list[Delivery], *, reason: str, delay: int) -> None:
    """Give reserved, never-sent deliveries back to the queue (the server could not be reached)."""
    if not deliveries:
        return
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
