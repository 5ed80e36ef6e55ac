"""Single sign-on configuration: the group map's format, checks, and the login page."""

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from lagesbild.accounts.oidc import GroupGrant, parse_group_map
from lagesbild.testing import PASSWORD


def test_the_group_map_reads_several_groups_and_places() -> None:
    text = (
        "vis-redaktor=samordning-vis:core:editor; vis-stabschef=samordning-vis:lead:editor\n"
        "cn=vis-analys,ou=grupper,dc=region=samordning-vis:added:analyst;"
        "vis-redaktor=pandemistab:core:reader;"
    )
    assert parse_group_map(text) == {
        "vis-redaktor": (
            GroupGrant("samordning-vis", "core", "editor"),
            GroupGrant("pandemistab", "core", "reader"),
        ),
        "vis-stabschef": (GroupGrant("samordning-vis", "lead", "editor"),),
        "cn=vis-analys,ou=grupper,dc=region": (GroupGrant("samordning-vis", "added", "analyst"),),
    }


@pytest.mark.parametrize(
    "text",
    [
        "vis-redaktor",
        "vis-redaktor=samordning-vis:editor",
        "vis-redaktor=samordning-vis:chef:editor",
        "vis-redaktor=samordning-vis:core:admin",
        "=samordning-vis:core:editor",
    ],
)
def test_it_refuses_a_group_map_it_cannot_read(text: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        parse_group_map(text)


def test_a_bad_group_map_fails_the_system_check(settings) -> None:
    settings.LAGESBILD_OIDC_GROUP_MAP = "vis-redaktor=samordning-vis:core:admin"
    assert "lagesbild.E101" in {e.id for e in run_checks()}


@pytest.mark.django_db
def test_without_a_provider_only_the_local_form_is_offered(client: Client) -> None:
    page = client.get("/konto/logga-in/").content.decode()
    assert "Logga in med regionens konto" not in page
    assert client.get("/konto/oidc/start/").status_code == 404
    assert client.get("/konto/oidc/callback/?code=x&state=y").status_code == 404


@pytest.mark.django_db
def test_with_a_provider_both_ways_in_are_offered_and_local_accounts_work(
    client: Client, cast, settings
) -> None:
    settings.OIDC_RP_CLIENT_ID = "lagesbild"
    settings.LAGESBILD_OIDC_ISSUER = "https://login.region.example"
    page = client.get("/konto/logga-in/?next=/stab/").content.decode()
    assert "Logga in med regionens konto" in page
    assert "/konto/oidc/start/?next=/stab/" in page

    response = client.post(
        "/konto/logga-in/", {"username": "editor", "password": PASSWORD}, follow=True
    )
    assert "Logga ut" in response.content.decode()


@pytest.mark.browser
def test_the_login_page_with_single_sign_on_is_accessible(live_server, page, settings) -> None:
    from lagesbild.testing import axe_violations

    settings.OIDC_RP_CLIENT_ID = "lagesbild"
    settings.LAGESBILD_OIDC_ISSUER = "https://login.region.example"
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_server.url}/konto/logga-in/")
        assert page.get_by_role("link", name="Logga in med regionens konto").is_visible()
        assert page.get_by_role("button", name="Logga in").is_visible()
        assert axe_violations(page) == []


@pytest.mark.django_db
def test_a_provider_that_does_not_answer_sends_people_back_with_a_message(
    client: Client, settings
) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.OIDC_RP_CLIENT_ID = "lagesbild"
    settings.LAGESBILD_OIDC_ISSUER = f"http://127.0.0.1:{port}"

    response = client.get("/konto/oidc/start/", follow=True)

    assert response.redirect_chain[-1][0] == "/konto/logga-in/"
    assert "Regionens inloggningstjänst svarar inte just nu" in response.content.decode()
