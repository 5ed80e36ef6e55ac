"""Real processes for tests: the database they share with the test, and how to start them."""

import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lagesbild.settings import REPO_DIR

LAGESBILD = ["-m", "lagesbild.cli"]


@dataclass
class Site:
    """One installation seen from outside: a database (the PostgreSQL test database, or with
    database_url "" the app's own SQLite file in data_dir, WAL and all) and a data dir."""

    database_url: str
    data_dir: Path
    smtp_url: str = "smtp://127.0.0.1:9"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "lagesbild.sqlite3"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        env.update(
            LAGESBILD_SMTP_URL=self.smtp_url,
            LAGESBILD_DATA_DIR=str(self.data_dir),
            LAGESBILD_MAIL_FROM="lagesbild@region.example",
            LAGESBILD_TASK_BACKEND="django_tasks_db.DatabaseBackend",
            DJANGO_SETTINGS_MODULE="lagesbild.settings",
            **extra,
        )
        return env

    def run(self, args: list[str], timeout: float = 180, **extra: str) -> str:
        done = subprocess.run(
            [sys.executable, *args],
            env=self.env(**extra),
            cwd=REPO_DIR,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def start(self, args: list[str], log: IO[Any] | int = subprocess.DEVNULL, **extra: str) -> Any:
        return subprocess.Popen(
            [sys.executable, *args],
            env=self.env(**extra),
            cwd=REPO_DIR,
            stdout=log,
            stderr=subprocess.STDOUT if log is not subprocess.DEVNULL else log,
        )

    def publish(self, recipients: int) -> int:
        """Publish a report to `recipients` made-up people in a process of its own; its id."""
        out = self.run(["-m", "lagesbild.distribution.tests.worker_scenario", str(recipients)])
        return int(out.split()[-1])

    def counts(self, report_id: int) -> dict[str, int]:
        out = self.run([*LAGESBILD, "deliveries", str(report_id)])
        return {k: int(v) for k, v in (line.split(": ") for line in out.splitlines())}


def wait_for(check: Callable[[], Any], timeout: float, what: str, step: float = 0.1) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def stop(process: Any, timeout: float = 15) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)
