"""`lagesbild serve-production`: several web processes and a supervised worker; no silent migrate."""

import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lagesbild.distribution.tests.conftest import free_port
from lagesbild.distribution.tests.processes import LAGESBILD, Site, stop, wait_for
from lagesbild.settings import REPO_DIR


def children(pid: int) -> set[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except OSError:
        return 0


def test_it_serves_from_several_processes_and_stops_cleanly(site: Site, tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/konto/logga-in/"
    log = tmp_path / "server.log"
    server = site.start(
        [
            *LAGESBILD,
            "serve-production",
            "--bind",
            f"127.0.0.1:{port}",
            "--processes",
            "2",
            "--threads",
            "2",
            "--background-workers",
            "1",
        ],
        log.open("w"),
    )
    try:
        wait_for(lambda: get(url) == 200, 90, "the server to answer", step=0.3)
        # Two web processes and one background worker under the master.
        wait_for(lambda: len(children(server.pid)) == 3, 30, "three child processes")
        spawned = children(server.pid)
        with ThreadPoolExecutor(8) as pool:
            assert set(pool.map(get, [url] * 24)) == {200}
    finally:
        stop(server, timeout=40)
    assert server.returncode == 0, log.read_text()[-2000:]
    assert not any(Path(f"/proc/{pid}").exists() for pid in spawned), "a child outlived the server"
    assert "Bakgrundsarbetare startad" in log.read_text()
    # Per-process rate-limit counters are the default only on SQLite: said there, and only there.
    warned = "LAGESBILD_CACHE=database" in log.read_text()
    assert warned == (not site.database_url.startswith("postgres"))


def test_it_refuses_to_start_with_migrations_pending(tmp_path: Path) -> None:
    empty = Site("", tmp_path)
    done = subprocess.run(
        [sys.executable, *LAGESBILD, "serve-production", "--bind", f"127.0.0.1:{free_port()}"],
        env=empty.env(),
        cwd=REPO_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "lagesbild migrate" in done.stderr
    assert not empty.sqlite_path.exists() or empty.sqlite_path.stat().st_size < 100_000
