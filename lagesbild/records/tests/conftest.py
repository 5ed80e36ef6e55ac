from collections.abc import Iterator
from typing import Any

import pytest

from lagesbild.distribution.tests.conftest import SmtpServer


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpServer]:
    """The distribution tests' real SMTP server on loopback."""
    server = SmtpServer()
    server.start()
    settings.SMTP_URL = server.url
    settings.DEFAULT_FROM_EMAIL = "lagesbild@region.example"
    try:
        yield server
    finally:
        server.stop()
