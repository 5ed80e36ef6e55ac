"""A real OpenID Connect provider (npm `oidc-provider`) on loopback for the single sign-on tests."""

import json
import os
import selectors
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from lagesbild.accounts import oidc

SERVER = Path(__file__).resolve().parent / "oidc_provider" / "server.mjs"
CLIENT_ID = "lagesbild-test"
CLIENT_SECRET = "hemligt-klientlosenord-for-test"


@dataclass
class Provider:
    issuer: str
    accounts_file: Path

    def set_people(self, people: dict[str, dict[str, Any]]) -> None:
        """Who may log in at the provider: username -> password, sub, email, names, groups."""
        self.accounts_file.write_text(json.dumps(people), encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def oidc_provider(live_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "Node.js is required for the single sign-on tests (npm ci installs the provider)"
        )
    workdir = tmp_path_factory.mktemp("oidc-provider")
    port = _free_port()
    provider = Provider(issuer=f"http://127.0.0.1:{port}", accounts_file=workdir / "people.json")
    provider.set_people({})
    log = (workdir / "provider.log").open("w")
    process = subprocess.Popen(
        [node, str(SERVER)],
        env={
            **os.environ,
            "PORT": str(port),
            "ISSUER": provider.issuer,
            "CLIENT_ID": CLIENT_ID,
            "CLIENT_SECRET": CLIENT_SECRET,
            "REDIRECT_URI": f"{live_server.url}/konto/oidc/callback/",
            "ACCOUNTS_FILE": str(provider.accounts_file),
        },
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        assert process.stdout is not None
        selector = selectors.DefaultSelector()
        selector.register(process.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + 30
        line = ""
        while time.monotonic() < deadline and not line.startswith("ready"):
            if selector.select(timeout=deadline - time.monotonic()):
                line = process.stdout.readline()
                if not line:
                    break
        if not line.startswith("ready"):
            pytest.fail(
                f"the OIDC provider did not start: {(workdir / 'provider.log').read_text()}"
            )
        yield provider
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def sso(oidc_provider: Provider, settings: Any) -> Iterator[Provider]:
    """Single sign-on configured the way a region would, through discovery at the issuer."""
    settings.LAGESBILD_OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_RP_SCOPES = "openid email profile groups"
    settings.LAGESBILD_OIDC_GROUP_MAP = (
        "vis-redaktor=samordning-vis:core:editor;"
        "vis-stabschef=samordning-vis:lead:editor;"
        "vis-analys=samordning-vis:added:analyst"
    )
    settings.LAGESBILD_OIDC_ADMIN_GROUPS = "lagesbild-forvaltning"
    oidc._discovery.cache_clear()
    oidc_provider.set_people({})
    yield oidc_provider
    oidc._discovery.cache_clear()
