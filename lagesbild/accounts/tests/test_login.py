import pytest
from django.test import Client

from lagesbild.testing import PASSWORD, axe_violations, browser_login, make_series


@pytest.mark.django_db
def test_it_sends_anonymous_visitors_to_the_login_page(client: Client) -> None:
    make_series()
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/konto/logga-in/")
    assert "Logga in" in response.content.decode()


@pytest.mark.django_db
def test_it_logs_in_and_out_in_swedish(client: Client, cast: dict) -> None:
    response = client.post(
        "/konto/logga-in/", {"username": "editor", "password": PASSWORD}, follow=True
    )
    assert "Logga ut" in response.content.decode()
    response = client.post("/konto/logga-ut/", follow=True)
    assert "Användarnamn" in response.content.decode()


@pytest.mark.django_db
def test_it_refuses_a_wrong_password_with_a_swedish_message(client: Client, cast: dict) -> None:
    response = client.post("/konto/logga-in/", {"username": "editor", "password": "fel"})
    assert response.status_code == 200
    assert "korrekt användarnamn" in response.content.decode()


@pytest.mark.django_db
def test_it_refuses_an_inactive_account(client: Client, cast: dict) -> None:
    response = client.post("/konto/logga-in/", {"username": "outsider", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


@pytest.mark.browser
def test_the_login_page_has_no_accessibility_violations(live_server, page, cast) -> None:
    page.goto(f"{live_server.url}/konto/logga-in/")
    assert axe_violations(page) == []
    browser_login(page, live_server.url, "reader")
    assert page.get_by_role("button", name="Logga ut").is_visible()
