"""Who is sending: each process's identity in `Delivery.claimed_by`, its heartbeat, and the
recovery of rows held by a sender that died (claimed rows go back to the queue, rows in flight
become uncertain)."""

import logging
import os
import socket
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from lagesbild.distribution.models import Delivery, DeliveryState, SenderProcess

logger = logging.getLogger("lagesbild.distribution")

# A sender on another host whose heartbeat is this old is presumed dead.
STALE_AFTER = timedelta(minutes=10)
# A worker beats every WORKER_HEARTBEAT seconds; one silent this long is shown as not running.
WORKER_HEARTBEAT = 5
WORKER_SILENT_AFTER = timedelta(seconds=60)

_identity: tuple[int, str] | None = None
# Identities this process gave up after a database failure: their claims count as dead.
_retired: set[str] = set()


def sender_name() -> str:
    """This process's identity in claimed_by: host, pid and a random part (pids are reused)."""
    global _identity
    if _identity is None or _identity[0] != os.getpid():
        _identity = (
            os.getpid(),
            f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}",
        )
    return _identity[1]


def sender_retire() -> None:
    """Take a new identity; rows held under the old one are recovered as if its owner died."""
    global _identity
    if _identity is not None:
        _retired.add(_identity[1])
    _identity = None


def sender_heartbeat(*, worker: bool = False) -> None:
    name = sender_name()
    host, pid, _ = name.rsplit(":", 2)
    updated = SenderProcess.objects.filter(name=name).update(heartbeat_at=timezone.now())
    if not updated:
        SenderProcess.objects.get_or_create(
            name=name, defaults={"hostname": host, "pid": int(pid), "is_worker": worker}
        )


def worker_needed() -> bool:
    """Whether queued work waits for a `lagesbild worker` (not so when tasks run at once)."""
    backend = str(settings.TASKS.get("default", {}).get("BACKEND", ""))
    return not backend.endswith("ImmediateBackend")


def workers_alive(*, now: datetime | None = None) -> int:
    """How many `lagesbild worker` processes have beaten their heart within WORKER_SILENT_AFTER."""
    since = (now or timezone.now()) - WORKER_SILENT_AFTER
    return SenderProcess.objects.filter(is_worker=True, heartbeat_at__gte=since).count()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sender_is_alive(name: str, *, now: datetime | None = None) -> bool:
    if name in _retired:
        return False
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
