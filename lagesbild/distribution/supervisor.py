"""Keep background workers running: start them, and start one again when it exits.

`lagesbild serve` and `lagesbild serve-production` run the workers through this, so a worker
that dies (killed, out of memory, a bug) is back within seconds instead of leaving published
reports unsent. In production a service manager (systemd `Restart=always`) can do the same for
`lagesbild worker` processes started on their own.
"""

import logging
import subprocess
import sys
import threading
import time
from typing import Any

logger = logging.getLogger("lagesbild.distribution")

# Seconds before a restart, doubling while a worker keeps dying quickly, at most the last value.
RESTART_DELAYS = [1, 2, 5, 10, 30]
# A worker that ran this long before it exited is restarted after the shortest delay again.
HEALTHY_AFTER = 60


class WorkerSupervisor:
    """`count` processes of `lagesbild worker ARGS`, each restarted when it exits."""

    def __init__(self, count: int = 1, args: list[str] | None = None, out: Any = None) -> None:
        self.count = count
        self.args = args or []
        self.out = out if out is not None else sys.stdout
        self.processes: list[subprocess.Popen[bytes] | None] = [None] * count
        self.started: list[float] = [0.0] * count
        self.failures: list[int] = [0] * count
        self.due: list[float] = [0.0] * count
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._watch, name="supervisor", daemon=True)

    def start(self) -> "WorkerSupervisor":
        if self.count > 0:
            self.thread.start()
        return self

    def _say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def _launch(self, slot: int) -> None:
        process = subprocess.Popen([sys.executable, "-m", "lagesbild.cli", "worker", *self.args])
        self.processes[slot] = process
        self.started[slot] = time.monotonic()
        self._say(f"Bakgrundsarbetare startad (pid {process.pid})")

    def _watch(self) -> None:
        while not self.stopping.is_set():
            now = time.monotonic()
            for slot, process in enumerate(self.processes):
                if process is not None and process.poll() is None:
                    continue
                if process is not None:
                    # It exited: wait a little (longer if it keeps dying) and start it again.
                    if now - self.started[slot] > HEALTHY_AFTER:
                        self.failures[slot] = 0
                    delay = RESTART_DELAYS[min(self.failures[slot], len(RESTART_DELAYS) - 1)]
                    self.failures[slot] += 1
                    self._say(
                        f"Bakgrundsarbetaren (pid {process.pid}) avslutades med kod "
                        f"{process.returncode}; startar om om {delay} s"
                    )
                    self.processes[slot] = None
                    self.due[slot] = now + delay
                if now >= self.due[slot]:
                    self._launch(slot)
            self.stopping.wait(0.5)

    def stop(self, timeout: float = 15) -> None:
        """Ask every worker to finish what it holds (SIGTERM), then end the stragglers."""
        self.stopping.set()
        if self.thread.is_alive():
            self.thread.join(timeout=5)
        running = [p for p in self.processes if p is not None and p.poll() is None]
        for process in running:
            process.terminate()
        deadline = time.monotonic() + timeout
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
