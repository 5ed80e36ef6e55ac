"""Full-text search: Swedish word forms, filters, and only over the redacted text."""

from datetime import date

import pytest
from django.test import Client

from lagesbild.experiences.models import Source
from lagesbild.experiences.search import source_search
from lagesbild.experiences.tests.helpers import make_collection, make_source


@pytest.mark.django_db
def test_swedish_word_forms_find_each_other() -> None:
    collection = make_collection()
    login = make_source(collection, text="Inloggningen tar tio minuter varje morgon.")
    lists = make_source(collection, text="Läkemedelslistorna var inte uppdaterade.")
    make_source(collection, text="Utbildningen kom för sent.")
    sources = Source.objects.filter(collection=collection)
    assert list(source_search(sources, "inloggning")) == [login]
    assert list(source_search(sources, "INLOGGNINGAR")) == [login]
    assert list(source_search(sources, "läkemedelslista")) == [lists]
    assert list(source_search(sources, "inloggning morgon")) == [login]
    assert list(source_search(sources, "inloggning utbildning")) == []


@pytest.mark.django_db
def test_search_sees_only_the_redacted_text_and_follows_marked_names(
    client: Client, cast: dict
) -> None:
    collection = make_collection()
    source = make_source(collection, text="Ring Berglund på 070-123 45 67 om journalen.")
    sources = Source.objects.filter(collection=collection)
    assert list(source_search(sources, "070")) == []
    client.force_login(cast["contributor"])
    client.post(
        f"/erfarenheter/{collection.slug}/kallor/{source.pk}/maskera/", {"phrase": "Berglund"}
    )
    assert list(source_search(sources, "Berglund")) == []
    assert list(source_search(sources, "journal")) == [source]


@pytest.mark.django_db
def test_query_syntax_cannot_break_the_search() -> None:
    collection = make_collection()
    make_source(collection, text="Övertid och stress.")
    sources = Source.objects.filter(collection=collection)
    for query in ['"', "AND OR NOT", "stress*", "övertid) OR (", "-- ;", "NEAR(a b)"]:
        list(source_search(sources, query))
    assert source_search(sources, "   ").count() == 1


@pytest.mark.django_db
def test_the_search_page_combines_text_channel_category_and_dates(
    client: Client, cast: dict
) -> None:
    collection = make_collection()
    kommun = collection.categories.get(name="Kommun")
    make_source(
        collection,
        text="Inloggningen strular.",
        channel="web",
        category=kommun,
        date=date(2025, 2, 10),
    )
    make_source(
        collection,
        text="Inloggningen strular också här.",
        channel="meeting",
        date=date(2025, 2, 20),
    )
    make_source(
        collection,
        text="Inloggning i kommunen.",
        channel="web",
        category=kommun,
        date=date(2025, 3, 20),
    )
    client.force_login(cast["contributor"])
    body = client.get(
        f"/erfarenheter/{collection.slug}/kallor/",
        {"q": "inloggning", "channel": "web", "category": kommun.pk, "date_to": "2025-02-28"},
    ).content.decode()
    assert "1 källa" in body and "Inloggningen strular." in body
