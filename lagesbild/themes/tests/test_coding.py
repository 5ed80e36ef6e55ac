"""Coding passages of a source's redacted text: select, type or take the whole answer."""

import pytest
from django.test import Client

from lagesbild.experiences.services import source_mark_personal
from lagesbild.experiences.tests.helpers import make_collection, make_source
from lagesbild.themes.models import Coding, Memo, Origin
from lagesbild.themes.services import AnalysisError, coding_create, codings_reanchor
from lagesbild.themes.tests.helpers import make_code, make_codebook

TEXT = "Inloggningen tar tio minuter 🙁 varje morgon. Utbildningen kom för sent."


def url(source, suffix: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/analys/{source.collection.slug}/kallor/{source.pk}/{suffix}"


@pytest.mark.django_db
def test_an_analyst_codes_a_selection_with_two_codes_at_once(client: Client, cast: dict) -> None:
    collection = make_collection()
    codebook = make_codebook(collection)
    a, b = make_code(codebook, name="Inloggning"), make_code(codebook, name="Tid")
    source = make_source(collection, text=TEXT)
    client.force_login(cast["editor"])
    response = client.post(url(source), {"codes": [a.pk, b.pk], "start": 0, "end": 28})
    assert response.status_code == 302
    codings = Coding.objects.order_by("code__name")
    assert [(c.code.name, c.passage(), c.coder, c.origin) for c in codings] == [
        ("Inloggning", "Inloggningen tar tio minuter", cast["editor"], Origin.PERSON),
        ("Tid", "Inloggningen tar tio minuter", cast["editor"], Origin.PERSON),
    ]
    page = client.get(url(source)).content.decode()
    assert '<mark class="coded depth-2"' in page


@pytest.mark.django_db
def test_offsets_count_code_points_so_an_emoji_does_not_shift_the_passage(cast: dict) -> None:
    source = make_source(text=TEXT)
    code = make_code(make_codebook(source.collection))
    start = TEXT.index("varje")
    coding = coding_create(source=source, code=code, start=start, end=start + 12, coder=None)
    assert coding.passage() == "varje morgon"


@pytest.mark.django_db
def test_typing_the_passage_codes_its_first_occurrence_without_javascript(
    client: Client, cast: dict
) -> None:
    source = make_source(text=TEXT)
    code = make_code(make_codebook(source.collection))
    client.force_login(cast["editor"])
    client.post(url(source), {"codes": [code.pk], "phrase": "Utbildningen kom för sent"})
    coding = Coding.objects.get()
    assert coding.passage() == "Utbildningen kom för sent"


@pytest.mark.django_db
def test_whole_answer_coding_takes_one_click(client: Client, cast: dict) -> None:
    source = make_source(text=TEXT)
    code = make_code(make_codebook(source.collection))
    client.force_login(cast["editor"])
    client.post(url(source), {"codes": [code.pk], "whole": "1"})
    coding = Coding.objects.get()
    assert (coding.start, coding.end) == (0, len(TEXT))


@pytest.mark.django_db
def test_overlapping_codings_are_kept_apart(cast: dict) -> None:
    source = make_source(text=TEXT)
    codebook = make_codebook(source.collection)
    a, b = make_code(codebook), make_code(codebook)
    coding_create(source=source, code=a, start=0, end=20, coder=cast["editor"])
    coding_create(source=source, code=b, start=10, end=40, coder=cast["editor"])
    coding_create(source=source, code=a, start=0, end=20, coder=cast["editor"])  # same again: no-op
    assert Coding.objects.count() == 2


@pytest.mark.django_db
def test_offsets_outside_the_text_are_refused_in_swedish(client: Client, cast: dict) -> None:
    source = make_source(text="Kort.")
    code = make_code(make_codebook(source.collection))
    client.force_login(cast["editor"])
    response = client.post(url(source), {"codes": [code.pk], "start": 2, "end": 99})
    assert response.status_code == 400
    assert "ligger utanför texten" in response.content.decode()
    assert not Coding.objects.exists()
    with pytest.raises(AnalysisError):
        coding_create(source=source, code=code, start=3, end=3, coder=None)


@pytest.mark.django_db
def test_a_code_from_another_collection_cannot_be_applied(cast: dict) -> None:
    source = make_source(text=TEXT)
    foreign = make_code(make_codebook(make_collection()))
    with pytest.raises(AnalysisError, match="annan insamling"):
        coding_create(source=source, code=foreign, start=0, end=5, coder=None)


@pytest.mark.django_db
def test_a_memo_on_the_source_and_one_on_a_coding(client: Client, cast: dict) -> None:
    source = make_source(text=TEXT)
    code = make_code(make_codebook(source.collection))
    coding = coding_create(source=source, code=code, start=0, end=12, coder=None)
    client.force_login(cast["editor"])
    client.post(url(source, "memo/"), {"text": "Svaret är typiskt för morgonpasset."})
    client.post(url(source, f"kodning/{coding.pk}/"), {"do": "memo", "text": "Gränsfall."})
    assert Memo.objects.filter(source=source, coding=None).count() == 1
    assert Memo.objects.get(coding=coding).text == "Gränsfall."


@pytest.mark.django_db
def test_marking_a_name_after_coding_moves_the_coding_to_the_same_words(cast: dict) -> None:
    text = "Sköterskan Berglund sa att inloggningen tar tio minuter."
    source = make_source(text=text)
    code = make_code(make_codebook(source.collection))
    start = text.index("inloggningen")
    coding = coding_create(source=source, code=code, start=start, end=start + 29, coder=None)
    assert coding.passage() == "inloggningen tar tio minuter."
    source_mark_personal(source=source, phrase="Berglund", actor=cast["editor"])
    coding.refresh_from_db()
    assert coding.passage() == "inloggningen tar tio minuter."
    assert not coding.anchor_changed


@pytest.mark.django_db
def test_a_change_inside_a_coded_passage_flags_it_for_rereading(cast: dict) -> None:
    source = make_source(text="Vi fick ingen utbildning alls.")
    code = make_code(make_codebook(source.collection))
    coding = coding_create(source=source, code=code, start=8, end=29, coder=None)
    old = source.text
    source.text = "Vi fick ingen bra utbildning alls."
    flagged = codings_reanchor(source=source, old_text=old, new_text=source.text)
    coding.refresh_from_db()
    assert flagged == 1 and coding.anchor_changed
    assert source.text[coding.start : coding.end] == "ingen bra utbildning alls"
