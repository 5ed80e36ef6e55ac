import logging
import os
import signal
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

from lagesbild.distribution.models import SenderProcess
from lagesbild.distribution.services.preparing import dispatch_prepare, dispatches_unprepared
from lagesbild.distribution.services.senders import (
    WORKER_HEARTBEAT,
    deliveries_recover,
    sender_heartbeat,
    sender_name,
)
from lagesbild.distribution.services.sending import (
    deliveries_next_due,
    deliveries_send_due,
    send_summary_log,
)

logger = logging.getLogger("lagesbild.distribution")
# --burst keeps going while something is due within this many seconds (retries included).
BURST_HORIZON = 60
# Seconds to wait after a failed round before the next: doubles up to the last value.
ERROR_BACKOFF = [1, 2, 4, 8, 15, 30, 60]


def _heartbeat_loop(stop: threading.Event) -> None:
    """Beat in a thread of its own, so a long task or a slow send never looks like a dead worker."""
    while not stop.wait(WORKER_HEARTBEAT):
        try:
            sender_heartbeat(worker=True)
        except Exception as exc:  # noqa: BLE001 - the next beat tries again
            logger.warning("Kunde inte skriva arbetarens livstecken: %s", exc)
            connection.close()
    connection.close()


def _tasks_backend_is_db() -> bool:
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    # default_task_backend is a proxy, never an instance of the backend class itself.
    return isinstance(task_backends["default"], DatabaseBackend)


def _run_ready_tasks(worker_id: str) -> None:
    from django_tasks_db.management.commands.db_worker import Worker

    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()


def _next_task_due() -> Any:
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    if not ready.exists():
        return None
    later = (
        ready.exclude(run_after__isnull=True)
        .order_by("run_after")
        .values_list("run_after", flat=True)
        .first()
    )
    return later if later and later.year < 9000 else timezone.now()


class Command(BaseCommand):
    help = (
        "Kör bakgrundskön: uppgifter (t.ex. utskick av rapporter) och förfallna e-postleveranser. "
        "Utan LAGESBILD_SMTP_URL startas en lokal brevlåda (demo)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--burst",
            action="store_true",
            help="Avsluta när inget är köat eller förfaller inom en minut (omförsök inräknade).",
        )
        parser.add_argument("--interval", type=float, default=2.0, help="Sekunder mellan varven.")

    def handle(self, *args: Any, **options: Any) -> None:
        logging.getLogger("lagesbild").setLevel(logging.INFO)
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        mailbox = None
        if not os.environ.get("LAGESBILD_SMTP_URL"):
            from lagesbild.distribution.mailbox import mailbox_dir, mailbox_start

            mailbox, settings.SMTP_URL = mailbox_start()
            self.stdout.write(f"LAGESBILD_SMTP_URL saknas: e-post sparas i {mailbox_dir()}")
        use_tasks = _tasks_backend_is_db()
        self.stdout.write(f"Arbetaren {sender_name()} startar.")
        beating = threading.Event()
        heart = threading.Thread(target=_heartbeat_loop, args=(beating,), daemon=True)
        heart.start()
        try:
            self._loop(burst=options["burst"], interval=options["interval"], use_tasks=use_tasks)
        finally:
            beating.set()
            heart.join(timeout=5)
            try:
                SenderProcess.objects.filter(name=sender_name()).delete()
            except DatabaseError:
                pass  # the row goes stale and is shown as not running
            if mailbox is not None:
                mailbox.stop()

    def _stop(self, signum: int, frame: Any) -> None:
        if self.stopping:
            raise SystemExit(1)
        self.stopping = True

    def _loop(self, *, burst: bool, interval: float, use_tasks: bool) -> None:
        failures = 0
        while not self.stopping:
            try:
                wait = self._round(use_tasks=use_tasks)
            except Exception as exc:
                # "database is locked", a restarted PostgreSQL, a bug in one task: the worker
                # is the only thing that sends, so it waits and tries again instead of dying.
                pause = ERROR_BACKOFF[min(failures, len(ERROR_BACKOFF) - 1)]
                failures += 1
                if isinstance(exc, DatabaseError):
                    logger.warning("Databasfel i arbetaren (%s); försöker igen om %s s", exc, pause)
                else:
                    logger.exception("Fel i arbetaren; försöker igen om %s s", pause)
                try:
                    connection.close()
                except DatabaseError:
                    pass
                self._sleep(pause)
                continue
            failures = 0
            if burst and (wait is None or wait > BURST_HORIZON):
                self.stdout.write("Inget mer att göra inom en minut; avslutar.")
                return
            self._sleep(interval if wait is None else max(0.05, min(interval, wait)))

    def _round(self, *, use_tasks: bool) -> float | None:
        """One pass over everything there is to do; returns seconds until the next thing is due."""
        close_old_connections()
        sender_heartbeat(worker=True)
        deliveries_recover()
        for dispatch_id in dispatches_unprepared():
            dispatch_prepare(dispatch_id=dispatch_id)
        if use_tasks:
            _run_ready_tasks(sender_name()[:64])
        send_summary_log(deliveries_send_due(should_stop=lambda: self.stopping))
        due = [d for d in (deliveries_next_due(), _next_task_due() if use_tasks else None) if d]
        return min((d - timezone.now()).total_seconds() for d in due) if due else None

    def _sleep(self, pause: float) -> None:
        deadline = time.monotonic() + pause
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.1, pause))
