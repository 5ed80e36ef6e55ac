"""Fixtures shared by every app: the cast of users, and a headless Chromium for browser tests."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lagesbild import testing
from lagesbild.accounts.models import User

# Playwright's sync API runs an event loop; Django's ORM refuses to run inside one unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("LAGESBILD_CHROMIUM", "/usr/bin/chromium")


def pytest_configure(config: pytest.Config) -> None:
    """Fail loudly, never skip, when a database the run was told to use cannot be reached."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        try:
            psycopg.connect(
                url.replace("postgres://", "postgresql://", 1), connect_timeout=5
            ).close()
        except psycopg.OperationalError as exc:
            raise pytest.UsageError(f"PostgreSQL at {url} cannot be reached: {exc}") from exc


@pytest.fixture(autouse=True)
def _isolated_data_dir(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Real hashing costs seconds per test under load; password strength is not what we test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cast(db: None) -> dict[str, User]:
    """The named cast (see testing.CAST) and an outsider (an inactive account).

    Staffs made with testing.make_staff() after the cast get the cast as members with their
    usual rights (testing.CAST_MEMBERSHIPS); make_other_staff() makes one they are not in.
    """
    people = {name: testing.make_user(name, role) for name, role in testing.CAST.items()}
    people["outsider"] = testing.make_user("outsider", is_active=False)
    return people


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is required for browser tests and is missing at {CHROMIUM}")
    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="sv-SE", viewport={"width": 1200, "height": 900})
    context.set_default_timeout(15_000)
    pg = context.new_page()
    yield pg
    context.close()
