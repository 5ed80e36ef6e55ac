"""`serve` never migrates a production database by itself; `demo` always does."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    # A fresh SQLite installation: what serve does about migrations is the same on PostgreSQL.
    env = {**os.environ, "LAGESBILD_DATA_DIR": str(data_dir), **extra}
    env.pop("DATABASE_URL", None)
    return env


def _applied(data_dir: Path) -> int:
    database = data_dir / "lagesbild.sqlite3"
    if not database.exists():
        return 0
    with sqlite3.connect(database) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "django_migrations" not in tables:
            return 0
        return int(conn.execute("SELECT count(*) FROM django_migrations").fetchone()[0])


def _serves(env: dict[str, str], *args: str, timeout: float = 120) -> bool:
    """Start `lagesbild ARGS --port P`, wait for the login page to answer, then stop it."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "lagesbild.cli", *args, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # so its worker is stopped with it
    )
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urlopen(f"http://127.0.0.1:{port}/konto/logga-in/", timeout=5) as response:
                    return bool(response.status == 200)
            except (URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        return False
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_serve_refuses_a_database_with_pending_migrations_in_swedish(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lagesbild.cli", "serve", "--no-worker", "--port", "1"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode != 0
    assert "Databasen är inte migrerad" in result.stderr
    assert "lagesbild serve --migrate" in result.stderr
    assert _applied(tmp_path) == 0


@pytest.mark.parametrize(
    ("args", "extra"),
    [(("--migrate",), {}), ((), {"LAGESBILD_MIGRATE_ON_START": "true"})],
    ids=["flag", "environment"],
)
def test_serve_migrates_when_told_to_and_then_starts_without_being_told(
    tmp_path: Path, args: tuple[str, ...], extra: dict[str, str]
) -> None:
    assert _serves(_env(tmp_path, **extra), "serve", "--no-worker", *args)
    assert _applied(tmp_path) > 0

    assert _serves(_env(tmp_path), "serve", "--no-worker")


def test_demo_keeps_migrating_a_fresh_data_directory(tmp_path: Path) -> None:
    assert _serves(_env(tmp_path), "demo")
    assert _applied(tmp_path) > 0
