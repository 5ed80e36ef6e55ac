"""Single sign-on against a real OpenID Connect provider on loopback (see conftest.py)."""

import re
from datetime import timedelta
from importlib import import_module
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
import requests
from django.conf import settings
from django.utils import timezone

from lagesbild.accounts.models import AuditEntry, Role, User
from lagesbild.accounts.oidc import username_for
from lagesbild.staff.models import StaffMember
from lagesbild.testing import make_staff, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "regionens-losenord-7"


def person(sub: str, *groups: str, email: str = "anna.berg@region.example") -> dict:
    return {
        "password": PASSWORD,
        "sub": sub,
        "email": email,
        "given_name": "Anna",
        "family_name": "Berg",
        "groups": list(groups),
    }


def to_callback(base_url: str, username: str, session: requests.Session | None = None):
    """Log in at the provider and stop before the callback: (browser session, callback URL)."""
    browser = session or requests.Session()
    page = browser.get(f"{base_url}/konto/oidc/start/", timeout=15)
    assert page.status_code == 200 and "Regionens inloggning" in page.text
    action = re.search(r'action="([^"]+)"', page.text).group(1)
    response = browser.post(
        urljoin(page.url, action),
        data={"login": username, "password": PASSWORD},
        allow_redirects=False,
        timeout=15,
    )
    while not response.headers["Location"].startswith(f"{base_url}/konto/oidc/callback/"):
        response = browser.get(
            urljoin(response.url, response.headers["Location"]), allow_redirects=False, timeout=15
        )
    return browser, response.headers["Location"]


def sso_login(base_url: str, username: str) -> tuple[requests.Session, requests.Response]:
    browser, callback = to_callback(base_url, username)
    return browser, browser.get(callback, timeout=15)


def active(user: User) -> set[tuple[str, str, str]]:
    today = timezone.localdate()
    return {
        (m.staff.slug, m.staff_role, m.access_role)
        for m in StaffMember.objects.active_on(today).filter(user=user).select_related("staff")
    }


def only_oidc_user() -> User:
    return User.objects.get(username__startswith="oidc-")


def test_it_creates_the_person_with_the_memberships_their_groups_map_to(live_server, sso) -> None:
    make_staff(slug="samordning-vis", name="Samordningsstab VIS")
    sso.set_people({"anna": person("a-1001", "vis-redaktor", "alla-anstallda")})

    browser, response = sso_login(live_server.url, "anna")

    assert response.status_code == 200
    assert "Logga ut" in response.text
    user = only_oidc_user()
    assert user.username == username_for(sso.issuer, "a-1001")
    assert (user.first_name, user.last_name, user.email) == (
        "Anna",
        "Berg",
        "anna.berg@region.example",
    )
    assert active(user) == {("samordning-vis", "core", "editor")}
    assert user.role == Role.READER and not user.is_staff and not user.is_superuser
    assert not user.has_usable_password()


def test_changed_groups_at_the_provider_change_the_memberships_at_next_login(
    live_server, sso
) -> None:
    make_staff(slug="samordning-vis")
    sso.set_people({"anna": person("a-1002", "vis-redaktor", "vis-analys")})
    sso_login(live_server.url, "anna")
    user = only_oidc_user()
    assert active(user) == {
        ("samordning-vis", "core", "editor"),
        ("samordning-vis", "added", "analyst"),
    }
    # The memberships began some weeks ago; a change must end them, not erase them.
    StaffMember.objects.filter(user=user).update(
        valid_from=timezone.localdate() - timedelta(days=30)
    )

    sso.set_people({"anna": person("a-1002", "vis-stabschef")})
    sso_login(live_server.url, "anna")

    assert active(user) == {("samordning-vis", "lead", "editor")}
    ended = StaffMember.objects.filter(user=user, access_role="analyst").get()
    assert ended.valid_to == timezone.localdate() - timedelta(days=1)

    sso.set_people({"anna": person("a-1002")})
    sso_login(live_server.url, "anna")
    assert active(user) == set()


def test_unknown_groups_grant_nothing(live_server, sso) -> None:
    make_staff(slug="samordning-vis")
    sso.set_people({"per": person("p-7", "okand-grupp", "samordning-vis", "Domain Admins")})

    _browser, response = sso_login(live_server.url, "per")

    assert "Logga ut" in response.text
    user = only_oidc_user()
    assert active(user) == set()
    assert user.role == Role.READER and not user.is_superuser


def test_hand_made_memberships_in_other_staffs_are_left_alone(live_server, sso) -> None:
    make_staff(slug="samordning-vis")
    other = make_staff(slug="pandemistab")
    sso.set_people({"anna": person("a-1003", "vis-redaktor")})
    sso_login(live_server.url, "anna")
    user = only_oidc_user()
    StaffMember.objects.create(staff=other, user=user, name="Anna Berg", access_role="reader")

    sso.set_people({"anna": person("a-1003")})
    sso_login(live_server.url, "anna")

    assert active(user) == {("pandemistab", "core", "reader")}


def test_installation_admin_comes_only_from_the_admin_group(live_server, sso) -> None:
    sso.set_people({"ida": person("i-1", "lagesbild-forvaltning")})
    sso_login(live_server.url, "ida")
    user = only_oidc_user()
    assert user.role == Role.ADMIN and user.is_staff and user.is_superuser

    sso.set_people({"ida": person("i-1", "vis-redaktor")})
    sso_login(live_server.url, "ida")
    user.refresh_from_db()
    assert user.role == Role.READER and not user.is_staff and not user.is_superuser


def test_it_matches_people_by_sub_not_by_email(live_server, sso) -> None:
    local = make_user("anna", Role.EDITOR, email="anna.berg@region.example")
    sso.set_people({"anna": person("a-1004")})
    sso_login(live_server.url, "anna")
    user = only_oidc_user()
    assert user.pk != local.pk

    # A new e-mail address at the provider is the same person; the same address with
    # another sub is someone else.
    sso.set_people(
        {
            "anna": person("a-1004", email="anna.berg@ny.region.example"),
            "anna2": person("a-2004", email="anna.berg@ny.region.example"),
        }
    )
    sso_login(live_server.url, "anna")
    user.refresh_from_db()
    assert user.email == "anna.berg@ny.region.example"
    sso_login(live_server.url, "anna2")
    assert User.objects.filter(username__startswith="oidc-").count() == 2
    local.refresh_from_db()
    assert local.role == Role.EDITOR and local.has_usable_password()


def test_each_login_and_membership_change_is_audited(live_server, sso) -> None:
    make_staff(slug="samordning-vis")
    sso.set_people({"anna": person("a-1005", "vis-redaktor", "okand")})
    sso_login(live_server.url, "anna")
    user = only_oidc_user()

    login = AuditEntry.objects.get(action="oidc_login", object_id=str(user.pk))
    assert login.actor == user
    assert login.details["sub"] == "a-1005"
    assert login.details["issuer"] == sso.issuer
    assert login.details["created"] is True
    assert login.details["groups"] == ["okand", "vis-redaktor"]
    assert login.details["granted"] == ["samordning-vis:core:editor"]
    member = StaffMember.objects.get(user=user)
    assert AuditEntry.objects.filter(
        object_type="staff.staffmember", object_id=str(member.pk)
    ).exists()


def test_a_tampered_state_is_refused(live_server, sso) -> None:
    sso.set_people({"anna": person("a-1006")})
    browser, callback = to_callback(live_server.url, "anna")
    parts = urlsplit(callback)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query["state"] = query["state"][:-4] + "AAAA"

    response = browser.get(f"{live_server.url}{parts.path}?{urlencode(query)}", timeout=15)

    assert response.status_code == 400
    assert not User.objects.filter(username__startswith="oidc-").exists()


def test_a_callback_is_not_accepted_twice(live_server, sso) -> None:
    sso.set_people({"anna": person("a-1007")})
    browser, callback = to_callback(live_server.url, "anna")
    assert "Logga ut" in browser.get(callback, timeout=15).text
    browser.post(f"{live_server.url}/konto/logga-ut/", timeout=15)

    assert browser.get(callback, timeout=15, allow_redirects=False).status_code == 400


def test_a_code_carried_to_another_browser_does_not_log_it_in(live_server, sso) -> None:
    sso.set_people({"anna": person("a-1008")})
    _victim, callback = to_callback(live_server.url, "anna")

    attacker = requests.Session()
    response = attacker.get(callback, timeout=15)

    assert "Inloggningen med regionens konto misslyckades" in response.text
    assert "Logga ut" not in response.text


def test_an_id_token_with_another_nonce_is_refused(live_server, sso) -> None:
    sso.set_people({"anna": person("a-1009")})
    browser, callback = to_callback(live_server.url, "anna")
    # What the browser session expects differs from what the provider signed into the token.
    session = import_module(settings.SESSION_ENGINE).SessionStore(
        browser.cookies[settings.SESSION_COOKIE_NAME]
    )
    state = parse_qs(urlsplit(callback).query)["state"][0]
    states = session["oidc_states"]
    states[state]["nonce"] = "en-annan-nonce"
    session["oidc_states"] = states
    session.save()

    response = browser.get(callback, timeout=15)

    assert "Logga ut" not in response.text
    assert not User.objects.filter(username__startswith="oidc-").exists()


def test_an_account_shut_out_here_stays_out_whatever_the_provider_says(live_server, sso) -> None:
    make_staff(slug="samordning-vis")
    sso.set_people({"anna": person("a-1010", "vis-redaktor")})
    sso_login(live_server.url, "anna")
    user = only_oidc_user()
    User.objects.filter(pk=user.pk).update(is_active=False)
    sso.set_people({"anna": person("a-1010", "vis-stabschef")})

    _browser, response = sso_login(live_server.url, "anna")

    assert "Inloggningen med regionens konto misslyckades" in response.text
    assert active(user) == {("samordning-vis", "core", "editor")}
    assert AuditEntry.objects.filter(action="oidc_login_refused", object_id=str(user.pk)).exists()
