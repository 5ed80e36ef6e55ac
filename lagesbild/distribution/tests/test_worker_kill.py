"""A real worker process killed mid-batch and started again: nobody gets two copies."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lagesbild.distribution.tests.helpers import pg_disconnect_others
from lagesbild.settings import REPO_DIR

RECIPIENTS = 60
CONNECTIONS = 4


def _env(database_url: str, smtp_url: str, data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        LAGESBILD_SMTP_URL=smtp_url,
        LAGESBILD_DATA_DIR=str(data_dir),
        LAGESBILD_TASK_BACKEND="django_tasks_db.DatabaseBackend",
        LAGESBILD_SMTP_CONNECTIONS=str(CONNECTIONS),
        DJANGO_SETTINGS_MODULE="lagesbild.settings",
    )
    return env


def _run(args: list[str], env: dict[str, str], timeout: float = 180) -> str:
    done = subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=REPO_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture
def database_url(transactional_db: None, tmp_path: Path) -> Iterator[str]:
    """A database the worker subprocess can see: the test DB on PostgreSQL, a file on SQLite.

    `transactional_db` is named here, not fetched inside: pytest-django creates the test
    databases only for tests that name a database fixture, so a test run alone that fetched
    it late would hand the worker the real database from DATABASE_URL.
    """
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        from django.db import connection

        yield url.rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]
        # A killed worker's session may outlive it for a moment; the test database can only
        # be dropped when nobody else is connected.
        pg_disconnect_others()
        return
    path = tmp_path / "worker.sqlite3"
    sqlite_url = f"sqlite:///{path}"
    _run(
        ["-m", "lagesbild.cli", "migrate", "-v0"], _env(sqlite_url, "smtp://127.0.0.1:9", tmp_path)
    )
    yield sqlite_url


def test_a_killed_worker_leaves_only_the_messages_in_flight_uncertain(
    database_url: str, smtp_server: Any, tmp_path: Path
) -> None:
    env = _env(database_url, smtp_server.url, tmp_path)
    report_id = int(
        _run(["-m", "lagesbild.distribution.tests.worker_scenario", str(RECIPIENTS)], env).split()[
            -1
        ]
    )
    # Slow enough that the kill lands while the worker waits for the server's answer.
    smtp_server.handler.delay = 0.08
    worker = subprocess.Popen(
        [sys.executable, "-m", "lagesbild.cli", "worker", "--interval", "0.2"],
        env=env,
        cwd=REPO_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while len(smtp_server.handler.messages) < 10 and time.monotonic() < deadline:
            assert worker.poll() is None, "the worker exited early"
            time.sleep(0.02)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    received_at_kill = len(smtp_server.handler.messages)
    assert 10 <= received_at_kill < RECIPIENTS

    smtp_server.handler.delay = 0
    _run(["-m", "lagesbild.cli", "worker", "--burst", "--interval", "0.2"], env)

    counts = dict(
        line.split(": ")
        for line in _run(["-m", "lagesbild.cli", "deliveries", str(report_id)], env).splitlines()
    )
    per_address = smtp_server.handler.per_address()
    assert max(per_address.values()) == 1, "somebody got two copies"
    uncertain = int(counts["uncertain"])
    # The bound the docs promise: one message per connection, never more.
    assert uncertain <= CONNECTIONS, counts
    assert smtp_server.handler.max_active > 1, "the worker did not send concurrently"
    assert int(counts["sent"]) + uncertain == RECIPIENTS, counts
    assert counts["queued"] == "0" and counts["failed"] == "0"
    # Everyone not uncertain got exactly one message.
    assert len(per_address) >= RECIPIENTS - uncertain
