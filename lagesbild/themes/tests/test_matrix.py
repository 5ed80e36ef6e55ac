"""Triangulation: codes × category and × channel, with single-category codes marked."""

import pytest
from django.test import Client

from lagesbild.experiences.models import Channel, ParticipantCategory
from lagesbild.experiences.tests.helpers import make_collection, make_source
from lagesbild.themes.models import Origin
from lagesbild.themes.tests.helpers import make_answers, make_code, make_codebook, make_coding


@pytest.mark.django_db
def test_the_matrix_counts_sources_and_respondents_and_marks_one_category_codes(
    client: Client, cast: dict
) -> None:
    collection = make_collection()
    kommun = ParticipantCategory.objects.create(collection=collection, name="Kommunen")
    privat = ParticipantCategory.objects.create(collection=collection, name="Privat")
    codebook = make_codebook(collection)
    wide, narrow = make_code(codebook, name="Bred"), make_code(codebook, name="Smal")
    for source in make_answers(collection, ["a1", "a2"], category=kommun):
        make_coding(source, wide)
        make_coding(source, narrow)
    for source in make_answers(collection, ["b1"], category=privat):
        make_coding(source, wide)
    make_coding(
        make_source(collection, text="Möte", channel=Channel.MEETING, category=privat), wide
    )
    client.force_login(cast["editor"])
    body = client.get(f"/analys/{collection.slug}/matris/").content.decode()
    assert f"?kategori={kommun.pk}" in body
    assert "Bred, Kommunen: 2 källor" in body and "Bred, Privat: 2 källor" in body
    assert "Smal, Kommunen: 2 källor" in body
    assert body.count("bara en kategori") == 1


@pytest.mark.django_db
def test_engine_proposals_count_only_when_asked(client: Client, cast: dict) -> None:
    collection = make_collection()
    code = make_code(make_codebook(collection), name="Förslag")
    make_coding(make_answers(collection, ["x"])[0], code, origin=Origin.ENGINE)
    client.force_login(cast["editor"])
    assert (
        "Förslag, Webbfråga: 1 källor"
        not in client.get(f"/analys/{collection.slug}/matris/").content.decode()
    )
    assert (
        "Förslag, Webbfråga: 1 källor"
        in client.get(f"/analys/{collection.slug}/matris/?alla=1").content.decode()
    )


@pytest.mark.django_db
def test_a_theme_counts_what_its_sub_codes_found_once_per_source(
    client: Client, cast: dict
) -> None:
    collection = make_collection()
    kommun = ParticipantCategory.objects.create(collection=collection, name="Kommunen")
    codebook = make_codebook(collection)
    theme = make_code(codebook, name="Inloggning", is_theme=True)
    slow, card = (
        make_code(codebook, name="Långsam", parent=theme),
        make_code(codebook, name="Kort", parent=theme),
    )
    first, second = make_answers(collection, ["a", "b"], category=kommun)
    make_coding(first, slow)
    make_coding(first, card)
    make_coding(second, card)
    client.force_login(cast["editor"])
    body = client.get(f"/analys/{collection.slug}/matris/").content.decode()
    assert "Inloggning, Kommunen: 2 källor" in body and "Kort, Kommunen: 2 källor" in body
    page = client.get(
        f"/analys/{collection.slug}/koder/{theme.pk}/?kategori={kommun.pk}&underkoder=1"
    )
    assert page.content.decode().count("<blockquote>") == 3
