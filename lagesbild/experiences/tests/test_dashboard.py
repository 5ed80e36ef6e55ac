"""The dashboard: what has come in per channel, category and week; duplicates shown as groups."""

from datetime import date

import pytest
from django.test import Client

from lagesbild.experiences.models import Source
from lagesbild.experiences.tests.helpers import make_collection, make_source, make_web_question
from lagesbild.testing import axe_violations, browser_login


@pytest.mark.django_db
def test_it_counts_per_channel_category_and_week(client: Client, cast: dict) -> None:
    collection = make_collection()
    kommun = collection.categories.get(name="Kommun")
    make_source(collection, channel="meeting", date=date(2025, 2, 10))
    make_source(collection, channel="meeting", date=date(2025, 2, 18), text="Annat möte")
    make_source(collection, channel="letter", category=kommun, date=date(2025, 2, 19), text="Brev")
    client.force_login(cast["contributor"])
    response = client.get(f"/erfarenheter/{collection.slug}/")
    body = response.content.decode()
    assert "Totalt 3 källor." in body
    assert "Dialogmöte: <strong>2</strong>" in body
    rows = {r["value"]: r for r in response.context["channel_rows"]}
    assert rows["letter"]["per_category"][list(collection.categories.all()).index(kommun)] == 1
    assert [(w["week"], w["total"]) for w in response.context["week_rows"]] == [(7, 1), (8, 2)]


@pytest.mark.django_db
def test_the_same_text_twice_is_grouped_not_silently_counted(client: Client, cast: dict) -> None:
    collection = make_collection()
    letter = "Vi kräver att införandet pausas tills personalen är utbildad!"
    make_source(collection, channel="letter", text=letter, sender="Avsändare A")
    make_source(
        collection,
        channel="letter",
        sender="B",
        text="  vi kräver att införandet  PAUSAS tills personalen är utbildad ",
    )
    make_source(collection, channel="letter", text="Ett annat brev.")
    make_source(collection, channel="web", text="Supporten var bra.")
    make_source(collection, channel="web", text="Supporten var bra.")
    assert Source.objects.duplicated().count() == 2
    client.force_login(cast["contributor"])
    assert (
        "2 källor har samma text"
        in client.get(f"/erfarenheter/{collection.slug}/").content.decode()
    )
    body = client.get(f"/erfarenheter/{collection.slug}/dubbletter/").content.decode()
    assert "2 källor med samma text" in body and "Avsändare A" in body


@pytest.mark.django_db
def test_staff_create_a_collection_with_default_categories(client: Client, cast: dict) -> None:
    from lagesbild.testing import make_staff

    make_staff()
    client.force_login(cast["staff_lead"])
    response = client.post(
        "/erfarenheter/ny/",
        {"title": "Erfarenheter VIS", "slug": "vis", "categories": "Kommun\nRegion\n"},
    )
    assert response.url == "/erfarenheter/vis/"
    client.force_login(cast["contributor"])
    assert client.get("/erfarenheter/ny/").status_code == 403


@pytest.mark.browser
def test_the_dashboard_and_table_are_accessible(live_server, page, cast) -> None:  # type: ignore[no-untyped-def]
    collection = make_collection()
    make_web_question(collection)
    make_source(collection, channel="meeting", title="Dialogmöte Luleå")
    browser_login(page, live_server.url, "editor")
    for path in ("", "kallor/", "dubbletter/", "registrera/meeting/", "dokument/", "import/"):
        page.goto(f"{live_server.url}/erfarenheter/{collection.slug}/{path}")
        assert axe_violations(page) == [], path
