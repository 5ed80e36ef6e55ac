"""Separation: the workspace of one staff's collection is closed to people outside that staff."""

import pytest
from django.test import Client

from lagesbild.experiences.tests.helpers import make_collection, make_source
from lagesbild.testing import make_other_staff
from lagesbild.themes.models import Code, Coding
from lagesbild.themes.tests.helpers import make_code, make_codebook


@pytest.fixture
def foreign(cast):  # type: ignore[no-untyped-def]
    collection = make_collection(make_other_staff())
    code = make_code(make_codebook(collection), name="Hemlig kod")
    source = make_source(collection, text="Ett svar från en annan stab.")
    return collection, code, source


@pytest.mark.django_db
def test_an_editor_of_another_staff_gets_403_on_every_page(client: Client, cast, foreign) -> None:  # type: ignore[no-untyped-def]
    collection, code, source = foreign
    client.force_login(cast["editor"])
    base = f"/analys/{collection.slug}"
    for url in (
        f"{base}/",
        f"{base}/koder/",
        f"{base}/koder/{code.pk}/",
        f"{base}/koder/{code.pk}/segment.csv",
        f"{base}/kallor/{source.pk}/",
        f"{base}/enkat/",
        f"{base}/teman/",
        f"{base}/matris/",
        f"{base}/memon/",
        f"{base}/overensstammelse/",
        f"{base}/export.qdpx",
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(f"{base}/kallor/{source.pk}/", {"codes": [code.pk], "whole": "1"})
    assert response.status_code == 403
    response = client.post(f"{base}/koder/{code.pk}/", {"do": "retire"})
    assert response.status_code == 403
    assert not Coding.objects.exists() and Code.objects.get().retired_at is None
    assert collection.slug not in client.get("/analys/").content.decode()


@pytest.mark.django_db
def test_the_other_staffs_editor_works_there_and_an_ended_member_does_not(
    client: Client, cast, foreign
) -> None:  # type: ignore[no-untyped-def]
    collection, code, source = foreign
    client.force_login(cast["other_member"])
    url = f"/analys/{collection.slug}/kallor/{source.pk}/"
    assert client.post(url, {"codes": [code.pk], "whole": "1"}).status_code == 302
    assert collection.title in client.get("/analys/").content.decode()
    own = make_collection()
    client.force_login(cast["ended_member"])
    assert client.get(f"/analys/{own.slug}/").status_code == 403


@pytest.mark.django_db
def test_an_analyst_codes_but_a_contributor_only_reads_sources(client: Client, cast) -> None:  # type: ignore[no-untyped-def]
    collection = make_collection()
    code = make_code(make_codebook(collection))
    source = make_source(collection, text="Svar att koda.")
    client.force_login(cast["analyst"])
    url = f"/analys/{collection.slug}/kallor/{source.pk}/"
    assert client.post(url, {"codes": [code.pk], "whole": "1"}).status_code == 302
    client.force_login(cast["contributor"])
    assert client.get(url).status_code == 403
