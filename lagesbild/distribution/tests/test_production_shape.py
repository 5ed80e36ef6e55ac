"""The production shape: two web processes and two workers on loopback against one PostgreSQL.

Nothing lives in a process: a session started on one web process works on the other, the
web question's rate limit counts answers to both together, a burst of answers is stored
exactly as accepted, and 2,000 recipients get one message each from two workers.
Runs on PostgreSQL only (deselected on SQLite runs); it fails, never skips, if it cannot.
"""

import http.client
import os
import re
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from django.conf import global_settings

from lagesbild.accounts.models import Role
from lagesbild.distribution.models import Delivery, DeliveryState
from lagesbild.distribution.services import report_publish_and_distribute
from lagesbild.distribution.tests.conftest import free_port
from lagesbild.distribution.tests.helpers import (
    make_approved_report,
    make_distributed_series,
    make_list,
)
from lagesbild.distribution.tests.processes import LAGESBILD, Site, stop, wait_for
from lagesbild.experiences.models import Source
from lagesbild.experiences.services import collection_create, web_question_create
from lagesbild.testing import PASSWORD, make_staff, make_user

pytestmark = pytest.mark.postgres

RECIPIENTS = 2000
RATE_LIMIT = 100
POSTS = 240
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PROMPT_RE = re.compile(r'name="(answer_\d+)"')


class Client:
    """A browser in miniature: one cookie jar, talking to whichever web process it is told."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(
        self, port: int, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{port}{path}"
        conn.request(method, path, body, headers)
        response = conn.getresponse()
        text = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        conn.close()
        return response.status, text


def test_two_web_processes_and_two_workers_lose_nothing_and_send_nothing_twice(
    site: Site, smtp_server: Any, settings: Any, cast: Any, tmp_path: Path
) -> None:
    assert os.environ.get("DATABASE_URL", "").startswith("postgres"), "needs PostgreSQL"
    # Publishing below enqueues for the workers instead of sending in this process.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    site.smtp_url = smtp_server.url
    smtp_server.handler.delay = 0.002
    # The web processes check passwords with the real hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    make_user("chef", Role.EDITOR)
    staff = make_staff()
    collection = collection_create(staff=staff, title="Webbfrågan", slug="prod", actor_label="t")
    web_question_create(
        collection=collection,
        slug="prod",
        title="Hur gick det?",
        prompts=["Vad hände?"],
        actor=None,
    )
    recipients = make_list(staff, "Alla chefer", RECIPIENTS)
    report = make_approved_report(make_distributed_series([recipients]))

    limits = {
        "LAGESBILD_ANSWER_RATE_LIMIT": str(RATE_LIMIT),
        "LAGESBILD_SMTP_CONNECTIONS": "6",
    }
    ports = [free_port(), free_port()]
    logs = [tmp_path / f"{name}.log" for name in ("web-a", "web-b", "worker-a", "worker-b")]
    processes = [
        site.start(
            [*LAGESBILD, "serve-production", "--bind", f"127.0.0.1:{port}", "--processes", "1"]
            + ["--threads", "4", "--background-workers", "0"],
            log.open("w"),
            **limits,
        )
        for port, log in zip(ports, logs[:2], strict=True)
    ] + [
        site.start([*LAGESBILD, "worker", "--interval", "0.2"], log.open("w"), **limits)
        for log in logs[2:]
    ]
    try:
        for port in ports:
            wait_for(lambda p=port: _answers(p), 90, f"the web process on {port}", step=0.3)

        # A session begun on one web process is known to the other.
        person = Client()
        _status, page = person.request(ports[0], "GET", "/konto/logga-in/")
        status, _ = person.request(
            ports[0],
            "POST",
            "/konto/logga-in/",
            {
                "csrfmiddlewaretoken": TOKEN_RE.search(page).group(1),  # type: ignore[union-attr]
                "username": "chef",
                "password": PASSWORD,
            },
        )
        assert status == 302
        status, _ = person.request(ports[1], "GET", "/utskick/")
        # A login redirect (302) would mean the other process did not know the session.
        assert status in (200, 403), status

        # A burst of answers, alternating between the processes; the limit counts both.
        accepted = _burst(ports)
        assert Source.objects.filter(channel="web").count() == accepted
        # Per-process counters would accept RATE_LIMIT on each process (2 × RATE_LIMIT);
        # the shared, atomic counter accepts exactly RATE_LIMIT.
        assert accepted == RATE_LIMIT

        # 2,000 recipients through both workers.
        report_publish_and_distribute(report=report, by=cast["editor"])
        wait_for(
            lambda: len(smtp_server.handler.messages) >= RECIPIENTS, 240, "2,000 messages", 0.5
        )
        wait_for(
            lambda: (
                Delivery.objects.filter(report=report, state=DeliveryState.SENT).count()
                == RECIPIENTS
            ),
            60,
            "every delivery recorded as sent",
        )
        assert all(p.poll() is None for p in processes), "a process died"
    finally:
        for process in processes:
            stop(process, timeout=30)
    per_address = smtp_server.handler.per_address()
    assert len(per_address) == RECIPIENTS and set(per_address.values()) == {1}
    sent_by = [
        sum(int(n) for n in re.findall(r"Skickade (\d+),", log.read_text())) for log in logs[2:]
    ]
    assert sum(sent_by) == RECIPIENTS and all(sent_by), sent_by


def _answers(port: int) -> bool:
    try:
        return Client().request(port, "GET", "/erfarenheter/fraga/prod/")[0] == 200
    except OSError:
        return False


def _burst(ports: list[int]) -> int:
    accepted = 0
    lock = threading.Lock()

    def writer(n: int) -> None:
        nonlocal accepted
        client = Client()
        _status, page = client.request(ports[n % 2], "GET", "/erfarenheter/fraga/prod/")
        token = TOKEN_RE.search(page).group(1)  # type: ignore[union-attr]
        field = PROMPT_RE.search(page).group(1)  # type: ignore[union-attr]
        for i in range(POSTS // 12):
            form = {"csrfmiddlewaretoken": token, field: f"Svar {i} från {n}.", "website": ""}
            status, _ = client.request(
                ports[(n + i) % 2], "POST", "/erfarenheter/fraga/prod/", form
            )
            if status == 302:
                with lock:
                    accepted += 1

    with ThreadPoolExecutor(12) as pool:
        list(pool.map(writer, range(12)))
    return accepted
