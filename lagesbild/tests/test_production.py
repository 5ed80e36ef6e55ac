"""Production settings: refuse unsafe starts, `check --deploy` clean, private files, CSP, sessions."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from lagesbild import testing

REPO = Path(__file__).resolve().parents[2]
LAGESBILD = Path(sys.executable).with_name("lagesbild")


def documented_production_env() -> dict[str, str]:
    """The `export NAME=value` lines of the block in docs/production.md, as an environment."""
    text = (REPO / "docs" / "production.md").read_text(encoding="utf-8")
    block = text.split("<!-- production-env -->", 1)[1].split("<!-- /production-env -->", 1)[0]
    env = {}
    for name, value in re.findall(r"^export (\w+)=(.*)$", block, flags=re.M):
        env[name] = value.strip().strip("'\"")
    return env


def run(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LAGESBILD_", "DATABASE_URL", "DJANGO_"))
    }
    base["LAGESBILD_DATA_DIR"] = str(tmp_path / "var")
    return subprocess.run(
        args, env={**base, **env}, capture_output=True, text=True, timeout=120, cwd=tmp_path
    )


def test_it_refuses_to_start_in_production_with_the_default_secret_key(tmp_path: Path) -> None:
    result = run([str(LAGESBILD), "check"], {"LAGESBILD_PRODUCTION": "1"}, tmp_path)
    assert result.returncode != 0
    assert "LAGESBILD_SECRET_KEY" in result.stderr


def test_it_refuses_to_start_in_production_with_debug_on(tmp_path: Path) -> None:
    env = {**documented_production_env(), "LAGESBILD_DEBUG": "1"}
    env.pop("DATABASE_URL")
    result = run([str(LAGESBILD), "check"], env, tmp_path)
    assert result.returncode != 0
    assert "LAGESBILD_DEBUG" in result.stderr


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path: Path) -> None:
    env = documented_production_env()
    assert env["LAGESBILD_PRODUCTION"] == "1"
    # The check needs no database connection; keep the run on a throwaway SQLite file.
    env.pop("DATABASE_URL")
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = run(
        [sys.executable, "-c", code],
        {**env, "DJANGO_SETTINGS_MODULE": "lagesbild.settings"},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout + result.stderr


def test_production_mode_turns_https_and_hsts_on_and_env_vars_tune_them(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE)"
    )
    key = {"LAGESBILD_SECRET_KEY": "k" * 60, "DJANGO_SETTINGS_MODULE": "lagesbild.settings"}
    trial = run([sys.executable, "-c", code], key, tmp_path)
    assert trial.stdout.split() == ["False", "0", "False", "False"], trial.stderr
    production = run([sys.executable, "-c", code], {**key, "LAGESBILD_PRODUCTION": "1"}, tmp_path)
    assert production.stdout.split() == ["True", "31536000", "True", "True"], production.stderr
    tuned = run(
        [sys.executable, "-c", code],
        {
            **key,
            "LAGESBILD_PRODUCTION": "1",
            "LAGESBILD_SSL_REDIRECT": "0",
            "LAGESBILD_HSTS_SECONDS": "600",
        },
        tmp_path,
    )
    assert tuned.stdout.split()[:2] == ["False", "600"], tuned.stderr


def test_the_database_and_uploads_are_created_readable_by_the_owner_only(
    tmp_path: Path, db: None
) -> None:
    # As `serve` and `demo` do: make the data directory, then migrate.
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.core.management import call_command; "
        "settings.DATA_DIR.mkdir(parents=True); call_command('migrate', verbosity=0)"
    )
    result = run(
        [sys.executable, "-c", code], {"DJANGO_SETTINGS_MODULE": "lagesbild.settings"}, tmp_path
    )
    assert result.returncode == 0, result.stderr
    database = tmp_path / "var" / "lagesbild.sqlite3"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(database.parent.stat().st_mode) == 0o700
    name = default_storage.save("experiences/sources/2026/01/brev.txt", ContentFile(b"hej"))
    path = Path(default_storage.path(name))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_every_page_carries_a_content_security_policy_without_inline_code(
    client: Client, db: None
) -> None:
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_a_session_ends_with_the_browser_and_after_the_idle_time(
    client: Client, cast: dict, settings
) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": "reader", "password": testing.PASSWORD}
    )
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    # No Expires/Max-Age: a browser-session cookie, gone when the browser closes.
    assert not cookie["expires"] and not cookie["max-age"]
    assert client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 120 * 60
    # Every request renews the idle clock.
    assert settings.SESSION_SAVE_EVERY_REQUEST


@pytest.mark.parametrize(
    "password",
    ["kort-ord", "12345678901234", "password1234", "annika.lindqvist1"],
)
def test_it_refuses_weak_passwords_with_all_of_djangos_validators(db: None, password: str) -> None:
    user = testing.make_user("annika.lindqvist")
    with pytest.raises(ValidationError):
        validate_password(password, user=user)
    validate_password("grön-ekorre-på-taket-7", user=user)
