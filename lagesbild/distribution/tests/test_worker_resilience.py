"""The worker outlives database errors, `serve` restarts a worker that died, and the delivery
page says when no worker is running."""

import os
import re
import signal
import sqlite3
import time
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from lagesbild.distribution.models import SenderProcess
from lagesbild.distribution.tests.conftest import free_port
from lagesbild.distribution.tests.helpers import (
    make_distributed_series,
    make_list,
    make_published_report,
    pg_disconnect_others,
)
from lagesbild.distribution.tests.processes import LAGESBILD, Site, stop, wait_for
from lagesbild.testing import make_staff


def _break_the_database(site: Site, seconds: float) -> None:
    """SQLite: hold the write lock longer than the busy timeout ("database is locked").
    PostgreSQL: end every session of the other processes, as a restart of the server would."""
    if not site.database_url:
        lock = sqlite3.connect(site.sqlite_path, timeout=30)
        lock.execute("BEGIN EXCLUSIVE")
        time.sleep(seconds)
        lock.rollback()
        lock.close()
        return
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pg_disconnect_others()
        time.sleep(0.3)


def test_the_worker_survives_database_errors_and_sends_afterwards(
    site: Site, smtp_server: Any, tmp_path: Any
) -> None:
    site.smtp_url = smtp_server.url
    log = (tmp_path / "worker.log").open("w+")
    worker = site.start(
        [*LAGESBILD, "worker", "--interval", "0.2"], log, LAGESBILD_SQLITE_TIMEOUT="1"
    )
    try:
        wait_for(lambda: "startar" in (tmp_path / "worker.log").read_text(), 60, "the worker")
        time.sleep(0.5)
        _break_the_database(site, 3.5)
        assert worker.poll() is None, "the worker died on a database error"
        report_id = site.publish(15)
        wait_for(lambda: len(smtp_server.handler.messages) == 15, 60, "all 15 messages")
        assert worker.poll() is None
    finally:
        stop(worker)
        log.close()
    assert "Databasfel i arbetaren" in (tmp_path / "worker.log").read_text()
    assert set(smtp_server.handler.per_address().values()) == {1}
    assert site.counts(report_id)["sent"] == 15


def _worker_pids(log: Any) -> list[int]:
    return [
        int(pid) for pid in re.findall(r"Bakgrundsarbetare startad \(pid (\d+)\)", log.read_text())
    ]


def test_serve_restarts_a_worker_that_died(site: Site, tmp_path: Any) -> None:
    log = tmp_path / "serve.log"
    server = site.start([*LAGESBILD, "serve", "--port", str(free_port())], log.open("w"))
    try:
        (first,) = wait_for(lambda: _worker_pids(log), 90, "the first worker", step=0.3)
        os.kill(first, signal.SIGKILL)
        pids = wait_for(lambda: _worker_pids(log)[1:], 90, "a restarted worker", step=0.3)
        assert pids[0] != first and server.poll() is None
        os.kill(pids[0], 0)  # the new one is running
    finally:
        stop(server)
    assert "startar om" in log.read_text()


def test_the_delivery_page_says_when_no_worker_is_running(
    cast: Any, client: Any, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    report = make_published_report(make_distributed_series([make_list(make_staff(), "L", 2)]))
    client.force_login(cast["editor"])
    url = reverse("distribution:report_deliveries", args=[report.pk])

    assert "Ingen bakgrundsarbetare är igång" in client.get(url).content.decode()

    SenderProcess.objects.create(name="h:1:a", hostname="h", pid=1, is_worker=True)
    assert "Ingen bakgrundsarbetare är igång" not in client.get(url).content.decode()

    SenderProcess.objects.update(heartbeat_at=timezone.now() - timedelta(minutes=5))
    assert "Ingen bakgrundsarbetare är igång" in client.get(url).content.decode()


def test_the_delivery_page_does_not_ask_for_a_worker_when_tasks_run_at_once(
    cast: Any, client: Any
) -> None:
    report = make_published_report(make_distributed_series([make_list(make_staff(), "L", 2)]))
    client.force_login(cast["editor"])
    page = client.get(reverse("distribution:report_deliveries", args=[report.pk]))
    assert page.status_code == 200
    assert "Ingen bakgrundsarbetare är igång" not in page.content.decode()
