"""A real worker process killed mid-batch and started again: nobody gets two copies."""

import signal
import time
from typing import Any

from lagesbild.distribution.tests.processes import LAGESBILD, Site

RECIPIENTS = 60
CONNECTIONS = 4


def test_a_killed_worker_leaves_only_the_messages_in_flight_uncertain(
    site: Site, smtp_server: Any
) -> None:
    site.smtp_url = smtp_server.url
    report_id = site.publish(RECIPIENTS)
    # Slow enough that the kill lands while the worker waits for the server's answers.
    smtp_server.handler.delay = 0.08
    worker = site.start(
        [*LAGESBILD, "worker", "--interval", "0.2"], LAGESBILD_SMTP_CONNECTIONS=str(CONNECTIONS)
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
    site.run([*LAGESBILD, "worker", "--burst", "--interval", "0.2"])

    counts = site.counts(report_id)
    per_address = smtp_server.handler.per_address()
    assert max(per_address.values()) == 1, "somebody got two copies"
    # The bound the docs promise: one message per connection, never more.
    assert counts["uncertain"] <= CONNECTIONS, counts
    assert smtp_server.handler.max_active > 1, "the worker did not send concurrently"
    assert counts["sent"] + counts["uncertain"] == RECIPIENTS, counts
    assert counts["queued"] == 0 and counts["failed"] == 0
    # Everyone not uncertain got exactly one message.
    assert len(per_address) >= RECIPIENTS - counts["uncertain"]
