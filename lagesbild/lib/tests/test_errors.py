"""Swedish error pages in the base layout; expected 4xx leave no log lines."""

from __future__ import annotations

import io
import logging

import pytest
from django.test import Client


def test_a_missing_page_is_a_swedish_page_in_the_layout(client: Client, db: None) -> None:
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Sidan finns inte" in html
    assert 'class="site-header"' in html
    assert "Not Found" not in html


def test_a_forbidden_page_is_a_swedish_page_in_the_layout(client: Client, cast: dict) -> None:
    client.force_login(cast["reader"])
    response = client.get("/erfarenheter/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Du saknar behörighet" in html
    assert 'class="site-header"' in html


def test_a_server_error_is_a_swedish_page(settings, db: None) -> None:
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Något gick fel" in html
    assert 'class="site-header"' in html


def test_a_form_without_csrf_token_gets_a_swedish_page(cast: dict) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/logga-in/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Formuläret kunde inte skickas" in response.content.decode()


@pytest.fixture
def log_output(settings):
    """Everything the django.* loggers print, with DEBUG on (when Django's console logs)."""
    settings.DEBUG = True
    stream = io.StringIO()
    swapped = []
    for name in ["django", "django.request", "django.security", "django.security.csrf"]:
        for handler in logging.getLogger(name).handlers:
            # Exactly the settings' console handlers, not pytest's capturing subclasses.
            if type(handler) is logging.StreamHandler:
                swapped.append((handler, handler.stream))
                handler.setStream(stream)
    yield stream
    for handler, old in swapped:
        handler.setStream(old)


def test_403_and_404_on_the_anonymous_endpoint_log_nothing(log_output, db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post("/erfarenheter/fraga/finns-inte/", {"x": "1"}).status_code == 403
    assert client.get("/erfarenheter/fraga/finns-inte/").status_code == 404
    assert log_output.getvalue() == ""
