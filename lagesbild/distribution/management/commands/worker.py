import logging
import os
import signal
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from lagesbild.distribution.models import SenderProcess
from lagesbild.distribution.services.dispatching import dispatch_prepare, dispatches_unprepared
from lagesbild.distribution.services.sending import (
    deliveries_next_due,
    deliveries_recover,
    deliveries_send_due,
    sender_heartbeat,
    sender_name,
)

logger = logging.getLogger("lagesbild.distribution")
# --burst keeps going while something is due within this many seconds (retries included).
BURST_HORIZON = 60


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
        try:
            self._loop(burst=options["burst"], interval=options["interval"], use_tasks=use_tasks)
        finally:
            SenderProcess.objects.filter(name=sender_name()).delete()
            if mailbox is not None:
                mailbox.stop()

    def _stop(self, signum: int, frame: Any) -> None:
        if self.stopping:
            raise SystemExit(1)
        self.stopping = True

    def _loop(self, *, burst: bool, interval: float, use_tasks: bool) -> None:
        while not self.stopping:
            close_old_connections()
            sender_heartbeat()
            deliveries_recover()
            for dispatch_id in dispatches_unprepared():
                dispatch_prepare(dispatch_id=dispatch_id)
            if use_tasks:
                _run_ready_tasks(sender_name()[:64])
            deliveries_send_due(should_stop=lambda: self.stopping)
            due = [d for d in (deliveries_next_due(), _next_task_due() if use_tasks else None) if d]
            wait = min((d - timezone.now()).total_seconds() for d in due) if due else None
            if burst and (wait is None or wait > BURST_HORIZON):
                self.stdout.write("Inget mer att göra inom en minut; avslutar.")
                return
            pause = interval if wait is None else max(0.05, min(interval, wait))
            deadline = time.monotonic() + pause
            while not self.stopping and time.monotonic() < deadline:
                time.sleep(min(0.1, pause))
