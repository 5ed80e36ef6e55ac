"""A real SMTP server on loopback (aiosmtpd) that records messages and refuses when told to."""

import asyncio
import email
import os
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from lagesbild.distribution.tests.helpers import pg_disconnect_others
from lagesbild.distribution.tests.processes import LAGESBILD, Site


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `postgres` are deselected (not skipped) when the run is not on PostgreSQL."""
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    keep = [item for item in items if item.get_closest_marker("postgres") is None]
    if len(keep) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in keep])
        items[:] = keep


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes

    def parsed(self) -> EmailMessage:
        return email.message_from_bytes(self.content, policy=default_policy)  # type: ignore[return-value]


class RecordingHandler:
    """Records every accepted message; `refuse` maps an address to (reply, times or None)."""

    def __init__(self) -> None:
        self.messages: list[Received] = []
        self.refuse: dict[str, tuple[str, int | None]] = {}
        self.delay = 0.0
        self.lock = threading.Lock()
        # How many messages the server was receiving at the same moment, at most.
        self.active = 0
        self.max_active = 0
        # (time.monotonic(), messages being received at that moment) at each DATA.
        self.data_log: list[tuple[float, int]] = []
        self.refused_at: list[float] = []
        self.connections = 0

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        with self.lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        with self.lock:
            rule = self.refuse.get(address.lower())
            if rule is not None:
                reply, times = rule
                if times is None or times > 0:
                    if times is not None:
                        self.refuse[address.lower()] = (reply, times - 1)
                    self.refused_at.append(time.monotonic())
                    return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.active += 1
            self.max_active = max(self.max_active, self.active)
            self.data_log.append((time.monotonic(), self.active))
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            self.active -= 1
            self.messages.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
            )
        return "250 Message accepted for delivery"

    def per_address(self) -> Counter[str]:
        with self.lock:
            return Counter(r.lower() for m in self.messages for r in m.rcpt_tos)

    def to(self, address: str) -> list[Received]:
        with self.lock:
            return [m for m in self.messages if address.lower() in (r.lower() for r in m.rcpt_tos)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SmtpServer:
    """An aiosmtpd server on 127.0.0.1 that can be stopped and started on the same port."""

    def __init__(self) -> None:
        self.handler = RecordingHandler()
        self.port = free_port()
        self.controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}?timeout=10"

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def site(transactional_db: None, tmp_path: Path) -> Iterator[Site]:
    """A database that processes started by the test share with it (see processes.Site).

    `transactional_db` is named here, not fetched inside: pytest-django creates the test
    databases only for tests that name a database fixture, so a test run alone that fetched
    it late would hand its processes the real database named in DATABASE_URL.
    """
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        from django.db import connection

        yield Site(url.rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"], tmp_path)
        # A killed process's session may outlive it for a moment; the test database can only
        # be dropped when nobody else is connected.
        pg_disconnect_others()
        return
    site = Site("", tmp_path)
    site.run([*LAGESBILD, "migrate", "-v0"])
    yield site


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    settings.SMTP_URL = server.url
    settings.DEFAULT_FROM_EMAIL = "lagesbild@region.example"
    settings.SITE_URL = "https://lagesbild.region.example"
    try:
        yield server
    finally:
        server.stop()
