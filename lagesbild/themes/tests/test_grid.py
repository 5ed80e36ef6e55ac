"""The survey grid: answers with category, question and codes; filters, sorting, bulk coding."""

from datetime import date, timedelta

import pytest
from django.test import Client

from lagesbild.experiences.models import ParticipantCategory, Source
from lagesbild.experiences.tests.helpers import make_collection
from lagesbild.themes.models import Coding
from lagesbild.themes.tests.helpers import make_answers, make_code, make_codebook, make_coding


def url(collection) -> str:  # type: ignore[no-untyped-def]
    return f"/analys/{collection.slug}/enkat/"


@pytest.mark.django_db
def test_the_grid_filters_by_code_category_and_uncoded(client: Client, cast: dict) -> None:
    collection = make_collection()
    kommun = ParticipantCategory.objects.create(collection=collection, name="Kommun X")
    answers = make_answers(collection, ["Svar om inloggning", "Svar om utbildning"])
    answers += make_answers(collection, ["Svar från kommunen"], category=kommun)
    code = make_code(make_codebook(collection), name="Inloggning")
    make_coding(answers[0], code)
    client.force_login(cast["editor"])
    assert (
        "Svar om utbildning" not in client.get(url(collection), {"code": code.pk}).content.decode()
    )
    body = client.get(url(collection), {"uncoded": "on"}).content.decode()
    assert "Svar om inloggning" not in body and "Svar om utbildning" in body
    body = client.get(url(collection), {"category": kommun.pk}).content.decode()
    assert "Svar från kommunen" in body and "Svar om utbildning" not in body


@pytest.mark.django_db
def test_many_answers_are_coded_at_once(client: Client, cast: dict) -> None:
    collection = make_collection()
    answers = make_answers(collection, ["Ett", "Två", "Tre"])
    code = make_code(make_codebook(collection), name="Utbildning")
    client.force_login(cast["editor"])
    response = client.post(
        url(collection), {"source": [answers[0].pk, answers[2].pk], "code": code.pk}, follow=True
    )
    assert "2 svar kodades" in response.content.decode()
    assert sorted(Coding.objects.values_list("source_id", flat=True)) == sorted(
        [answers[0].pk, answers[2].pk]
    )
    assert all(c.end == len(c.source.text) for c in Coding.objects.all())


@pytest.mark.django_db
def test_the_grid_pages_and_sorts_oldest_first(client: Client, cast: dict) -> None:
    collection = make_collection()
    answers = make_answers(collection, [f"Svar nummer {i:03d}" for i in range(55)])
    for day, answer in enumerate(answers):  # ids are random: age is the answer's date
        Source.objects.filter(pk=answer.pk).update(date=date(2026, 1, 1) + timedelta(days=day))
    client.force_login(cast["editor"])
    first = client.get(url(collection), {"sort": "id"}).content.decode()
    assert "Svar nummer 000" in first and "Svar nummer 054" not in first and "sida=2" in first
    second = client.get(url(collection), {"sort": "id", "sida": 2}).content.decode()
    assert "Svar nummer 054" in second and "Svar nummer 000" not in second
    assert len(answers) == 55


@pytest.mark.django_db
def test_the_total_is_exact_when_small_and_estimated_on_postgresql_when_large(
    client: Client, cast: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import connection

    from lagesbild.themes.views import grid

    collection = make_collection()
    make_answers(collection, [f"Svar {i}" for i in range(4)])
    client.force_login(cast["editor"])
    assert "4 svar från webbfrågor" in client.get(url(collection)).content.decode()
    monkeypatch.setattr(grid, "ESTIMATE_ABOVE", 2)
    body = client.get(url(collection)).content.decode()
    if connection.vendor == "postgresql":
        assert "Cirka " in body and "4 svar från webbfrågor" not in body
    else:
        assert "4 svar från webbfrågor" in body and "Cirka" not in body
