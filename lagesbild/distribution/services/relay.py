"""Several SMTP connections at once: threads that only speak SMTP and never touch the database.

The sending loop (sending.py) keeps every database write in its own thread, so the promise
"claimed and marked before it is handed over" stays where it was; these threads receive a
delivery that is already marked SENDING and hand back what the server said.
"""

import queue
import smtplib
import threading
import time
from dataclasses import dataclass

from lagesbild.lib.emails import (
    MessageTemplate,
    Outcome,
    SmtpSettings,
    smtp_close,
    smtp_connect,
    smtp_send,
)

# SMTP replies that mean "you are going too fast" rather than anything about the recipient.
THROTTLE_CODES = frozenset({421, 451})


@dataclass(frozen=True)
class Job:
    delivery_id: int
    address: str
    name: str
    template: MessageTemplate


@dataclass(frozen=True)
class Result:
    job: Job
    outcome: Outcome
    # True when no connection could be opened: the message was certainly not handed over.
    unreachable: bool = False


class RelayPool:
    """`connections` threads, each with one SMTP connection reused for up to `per_connection`."""

    def __init__(self, cfg: SmtpSettings, *, connections: int, per_connection: int) -> None:
        self.cfg = cfg
        self.size = max(1, connections)
        self.per_connection = max(0, per_connection)
        self.jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self.results: queue.SimpleQueue[Result] = queue.SimpleQueue()
        self.threads: list[threading.Thread] = []
        # Set once any connection opened: later refusals to connect are the relay's limits.
        self.connected_once = threading.Event()
        self._lock = threading.Lock()
        self._outstanding = 0

    def submit(self, job: Job) -> None:
        if self.size == 1:
            # One connection: send right here; handing over to a thread would only add the
            # round trip between threads to every message.
            self.results.put(self._send_inline(job))
            return
        # Threads start on demand, so a run that sends three messages opens three connections.
        with self._lock:
            self._outstanding += 1
            start = self._outstanding > len(self.threads) and len(self.threads) < self.size
        if start:
            thread = threading.Thread(target=self._run, name="smtp", daemon=True)
            self.threads.append(thread)
            thread.start()
        self.jobs.put(job)

    def wait(self, timeout: float, *, enough: int = 1, linger: float = 0.0) -> list[Result]:
        """At least one result (or none after `timeout`); then up to `linger` seconds more
        until `enough` are back, plus every other one already there. Collecting a few answers
        per round lets the caller record them in one commit."""
        try:
            out = [self.results.get(timeout=timeout)]
        except queue.Empty:
            return []
        deadline = time.monotonic() + linger
        while True:
            try:
                out.append(self.results.get_nowait())
                continue
            except queue.Empty:
                pass
            left = deadline - time.monotonic()
            if len(out) >= enough or left <= 0:
                return out
            try:
                out.append(self.results.get(timeout=left))
            except queue.Empty:
                return out

    _inline_conn: smtplib.SMTP | None = None
    _inline_used = 0

    def _send_inline(self, job: Job) -> Result:
        try:
            result, self._inline_conn, self._inline_used = self._send(
                job, self._inline_conn, self._inline_used
            )
        except Exception as exc:  # noqa: BLE001 - as in _run
            smtp_close(self._inline_conn)
            self._inline_conn, self._inline_used = None, 0
            result = Result(job, Outcome("uncertain", None, f"Internt fel: {exc}"))
        return result

    def close(self, timeout: float | None = None) -> list[Result]:
        """Let every thread finish the message it holds, close the connections, return the rest."""
        smtp_close(self._inline_conn)
        self._inline_conn = None
        for _ in self.threads:
            self.jobs.put(None)
        deadline = None if timeout is None else time.monotonic() + timeout
        for thread in self.threads:
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        out = []
        while True:
            try:
                out.append(self.results.get_nowait())
            except queue.Empty:
                return out

    def _run(self) -> None:
        conn: smtplib.SMTP | None = None
        used = 0
        try:
            while True:
                job = self.jobs.get()
                if job is None:
                    return
                try:
                    result, conn, used = self._send(job, conn, used)
                except Exception as exc:  # noqa: BLE001 - a bug must not strand the row in SENDING
                    smtp_close(conn)
                    conn, used = None, 0
                    result = Result(job, Outcome("uncertain", None, f"Internt fel: {exc}"))
                with self._lock:
                    self._outstanding -= 1
                self.results.put(result)
        finally:
            smtp_close(conn)

    def _send(
        self, job: Job, conn: smtplib.SMTP | None, used: int
    ) -> tuple[Result, smtplib.SMTP | None, int]:
        message = job.template.personalise(
            address=job.address, name=job.name, fill=f" {job.name}" if job.name else ""
        )
        for _attempt in range(2):
            fresh = conn is None
            if conn is None:
                try:
                    conn = smtp_connect(self.cfg)
                except (OSError, smtplib.SMTPException) as exc:
                    reason = f"E-postservern svarar inte ({self.cfg.host}:{self.cfg.port}): {exc}"
                    return (
                        Result(job, Outcome("temporary", None, reason), unreachable=True),
                        None,
                        0,
                    )
                self.connected_once.set()
                used = 0
            try:
                outcome = smtp_send(
                    conn, sender=job.template.sender, recipient=job.address, message=message
                )
            except (OSError, smtplib.SMTPException) as exc:
                # The body never reached the server. A reused connection may simply have been
                # closed by the relay while idle: try once more on a new one.
                smtp_close(conn)
                conn = None
                if fresh:
                    outcome = Outcome("temporary", None, f"Förbindelsen bröts: {exc}")
                    return Result(job, outcome), None, 0
                continue
            used += 1
            if (
                outcome.kind == "uncertain"
                or outcome.code == 421
                or (self.per_connection and used >= self.per_connection)
            ):
                smtp_close(conn)
                conn, used = None, 0
            return Result(job, outcome), conn, used
        raise AssertionError("unreachable")  # pragma: no cover
