"""Login throttling (django-axes) on the login page and the admin."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lagesbild import testing


def _fail(client: Client, url: str, username: str, times: int) -> None:
    for _ in range(times):
        client.post(url, {"username": username, "password": "fel-lösenord"})


@pytest.mark.parametrize("url_name", ["accounts:login", "admin:login"])
def test_it_locks_out_a_user_name_after_five_wrong_passwords(
    client: Client, cast: dict, url_name: str
) -> None:
    url = reverse(url_name)
    _fail(client, url, "admin", 5)
    # Even the right password is refused now, with a Swedish page and 429.
    response = client.post(url, {"username": "admin", "password": testing.PASSWORD})
    assert response.status_code == 429
    assert "För många misslyckade inloggningar" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_lets_a_person_in_after_fewer_failures_and_forgets_them(
    client: Client, cast: dict
) -> None:
    url = reverse("accounts:login")
    _fail(client, url, "editor", 4)
    response = client.post(url, {"username": "editor", "password": testing.PASSWORD})
    assert response.status_code == 302
    client.logout()
    _fail(client, url, "editor", 4)
    assert client.post(url, {"username": "editor", "password": testing.PASSWORD}).status_code == 302


def test_a_lockout_from_one_address_does_not_lock_the_same_name_elsewhere(
    client: Client, cast: dict
) -> None:
    url = reverse("accounts:login")
    _fail(client, url, "reader", 5)
    other = Client(REMOTE_ADDR="10.1.2.3")
    response = other.post(url, {"username": "reader", "password": testing.PASSWORD})
    assert response.status_code == 302
