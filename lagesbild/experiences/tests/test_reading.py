"""Reading a source: analysts see redacted text, mark names, and only the admin sees the original."""

import pytest
from django.test import Client

from lagesbild.accounts.models import AuditEntry
from lagesbild.experiences.models import Source
from lagesbild.experiences.tests.helpers import make_collection, make_source
from lagesbild.testing import axe_violations, browser_login

TEXT = "Sköterskan Berglund ringde patienten (811218-9876) på 070-123 45 67. Berglund fick vänta."


def url(source: Source, suffix: str = "") -> str:
    return f"/erfarenheter/{source.collection.slug}/kallor/{source.pk}/{suffix}"


@pytest.mark.django_db
def test_analysts_read_the_redacted_text(client: Client, cast: dict) -> None:
    source = make_source(text=TEXT)
    client.force_login(cast["contributor"])
    body = client.get(url(source)).content.decode()
    assert "[personnummer]" in body and "[telefonnummer]" in body
    assert "811218" not in body and "070-123" not in body
    assert "Visa originaltext" not in body


@pytest.mark.django_db
def test_an_analyst_marks_a_name_and_every_occurrence_is_redacted(
    client: Client, cast: dict
) -> None:
    source = make_source(text=TEXT)
    client.force_login(cast["contributor"])
    response = client.post(url(source, "maskera/"), {"phrase": "Berglund"}, follow=True)
    assert "2 förekomster maskerades" in response.content.decode()
    source.refresh_from_db()
    assert source.text == (
        "Sköterskan [personuppgift] ringde patienten ([personnummer]) på [telefonnummer]. "
        "[personuppgift] fick vänta."
    )
    entry = AuditEntry.objects.get(action="experiences.source_mark_personal")
    assert "Berglund" not in entry.summary + str(entry.details)


@pytest.mark.django_db
def test_marking_a_phrase_that_is_not_there_says_so(client: Client, cast: dict) -> None:
    source = make_source(text=TEXT)
    client.force_login(cast["contributor"])
    response = client.post(url(source, "maskera/"), {"phrase": "Lindqvist"})
    assert response.status_code == 400
    assert "Frasen finns inte" in response.content.decode()


@pytest.mark.django_db
def test_only_the_administrator_sees_the_original_and_each_viewing_is_logged(
    client: Client, cast: dict
) -> None:
    source = make_source(text=TEXT)
    for name in ("staff_lead", "editor", "contributor"):
        client.force_login(cast[name])
        assert client.get(url(source, "original/")).status_code == 403
    client.force_login(cast["reader"])
    assert client.get(url(source)).status_code == 403
    client.force_login(cast["admin"])
    assert "811218-9876" in client.get(url(source, "original/")).content.decode()
    client.get(url(source, "original/"))
    views = AuditEntry.objects.filter(
        action="experiences.source_view_original", object_id=str(source.pk)
    )
    assert views.count() == 2 and views.first().actor == cast["admin"]


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    source = make_source()
    for path in ("/erfarenheter/", f"/erfarenheter/{source.collection.slug}/", url(source)):
        assert client.get(path).url.startswith("/konto/logga-in/")


@pytest.mark.django_db
def test_the_table_sorts_filters_and_pages(client: Client, cast: dict) -> None:
    collection = make_collection()
    for i in range(60):
        make_source(collection, text=f"Svar nummer {i}", channel="web" if i % 2 else "meeting")
    client.force_login(cast["contributor"])
    base = f"/erfarenheter/{collection.slug}/kallor/"
    body = client.get(base).content.decode()
    assert "60 källor" in body and "Sida 1 av 2" in body
    body = client.get(base, {"channel": "web", "sortera": "kanal"}).content.decode()
    assert "30 källor" in body and "Dialogmöte" not in body.split("<tbody>")[1]


@pytest.mark.browser
def test_the_reading_view_marks_a_selected_name(live_server, page, cast) -> None:  # type: ignore[no-untyped-def]
    source = make_source(text=TEXT, title="Mötesanteckning")
    browser_login(page, live_server.url, "contributor")
    page.goto(f"{live_server.url}{url(source)}")
    assert axe_violations(page) == []
    page.evaluate(
        """() => { const p = document.querySelector('#source-text p');
        const node = p.firstChild; const start = node.textContent.indexOf('Berglund');
        const range = document.createRange(); range.setStart(node, start);
        range.setEnd(node, start + 8); getSelection().removeAllRanges(); getSelection().addRange(range); }"""
    )
    page.get_by_role("button", name="Använd markerad text").click()
    assert (
        page.get_by_label("Exakt fras att maskera (till exempel ett namn)").input_value()
        == "Berglund"
    )
    page.get_by_role("button", name="Maskera", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "Berglund" not in page.locator("#source-text").inner_text()
