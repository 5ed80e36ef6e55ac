"""The engine as the second coder of an agreement sample: α/κ and disagreements against it."""

import re

import pytest
from django.test import Client

from lagesbild.experiences.tests.helpers import make_collection
from lagesbild.themes.models import (
    AgreementSample,
    Coding,
    Origin,
    RunStatus,
    SuggestedMember,
    SuggestedTheme,
    SuggestionStatus,
    ThemeRun,
)
from lagesbild.themes.services import (
    AnalysisError,
    run_start,
    sample_agreement,
    sample_create,
    suggestion_confirm,
    theme_run_execute_now,
)
from lagesbild.themes.tests.helpers import make_answers, make_code, make_codebook
from lagesbild.themes.tests.test_discovery import LOGIN, TRAINING


def confirmed_run(codebook, code, members, waiting):  # type: ignore[no-untyped-def]
    """A finished run: one theme confirmed as `code`, one still only suggested."""
    run = ThemeRun.objects.create(codebook=codebook, status=RunStatus.DONE)
    theme = SuggestedTheme.objects.create(
        run=run, engine_id=0, label=code.name, status=SuggestionStatus.CONFIRMED, code=code
    )
    other = SuggestedTheme.objects.create(run=run, engine_id=1, label="Annat")
    for source in members:
        SuggestedMember.objects.create(theme=theme, source=source, spans=[[0, 5]])
    for source in waiting:
        SuggestedMember.objects.create(theme=other, source=source, spans=[[0, 5]])
    return run


@pytest.mark.django_db
def test_a_person_is_compared_with_the_engine(client: Client, cast: dict) -> None:
    collection = make_collection()
    codebook = make_codebook(collection)
    login = make_code(codebook, name="Inloggning")
    answers = make_answers(collection, LOGIN)
    run = confirmed_run(codebook, login, answers[:3], answers[3:])
    editor = cast["editor"]
    client.force_login(editor)
    form = client.get(f"/analys/{collection.slug}/overensstammelse/").content.decode()
    assert f"Temasökning #{run.pk}" in form and "1 bekräftade teman" in form
    response = client.post(
        f"/analys/{collection.slug}/overensstammelse/",
        {"title": "Mot motorn", "size": 4, "coder_a": editor.pk, "engine_run": run.pk},
    )
    assert response.status_code == 302
    sample = AgreementSample.objects.get()
    assert sample.engine_run == run and list(sample.coders.all()) == [editor]
    engine = Coding.objects.filter(sample=sample)
    assert {c.source_id for c in engine} == {a.pk for a in answers[:3]}
    assert all(c.origin == Origin.ENGINE and c.coder_id is None and c.run == run for c in engine)
    # Blind: the person sees none of the engine's codings, in the sample or outside it.
    page = client.get(f"/analys/{collection.slug}/kallor/{answers[0].pk}/?prov={sample.pk}")
    assert page.status_code == 200 and "Ta bort Inloggning" not in page.content.decode()
    assert not Coding.objects.filter(sample__isnull=True).exists()
    # The person codes the first two and the fourth answer.
    for answer in (answers[0], answers[1], answers[3]):
        url = f"/analys/{collection.slug}/kallor/{answer.pk}/?prov={sample.pk}"
        assert client.post(url, {"codes": [login.pk], "whole": "1"}).status_code == 302
    result = sample_agreement(sample=sample)
    assert [c.display_name for c in result.coders] == [
        editor.display_name(),
        f"Motorn (temasökning #{run.pk})",
    ]
    (row,) = result.per_code
    assert row.code == login and row.percent == 50.0 and row.units == 4
    assert row.kappa == pytest.approx(-1 / 3, abs=0.001)
    assert {(d["source"].pk, d["code"].pk) for d in result.disagreements} == {
        (answers[2].pk, login.pk),
        (answers[3].pk, login.pk),
    }
    by_source = {d["source"].pk: d["passages"] for d in result.disagreements}
    assert by_source[answers[2].pk] == [[], [answers[2].text[:5]]]
    assert by_source[answers[3].pk] == [[answers[3].text], []]
    detail = client.get(
        f"/analys/{collection.slug}/overensstammelse/{sample.pk}/?visa=1"
    ).content.decode()
    assert f"Motorn (temasökning #{run.pk})" in detail
    assert "har kodat 3 av 4 källor" in detail  # both have coded three sources
    assert "kodade inte" in detail and re.search(r"κ = (−|-)0[,.]333", detail)


@pytest.mark.django_db
def test_the_form_and_the_service_refuse_unclear_coders(client: Client, cast: dict) -> None:
    collection = make_collection()
    codebook = make_codebook(collection)
    login = make_code(codebook, name="Inloggning")
    answers = make_answers(collection, LOGIN)
    run = confirmed_run(codebook, login, answers, [])
    editor, lead = cast["editor"], cast["staff_lead"]
    client.force_login(editor)
    url = f"/analys/{collection.slug}/overensstammelse/"
    both = client.post(
        url,
        {"title": "P", "size": 2, "coder_a": editor.pk, "coder_b": lead.pk, "engine_run": run.pk},
    )
    assert both.status_code == 400 and "inte båda" in both.content.decode()
    neither = client.post(url, {"title": "P", "size": 2, "coder_a": editor.pk})
    assert (
        neither.status_code == 400
        and "Välj en andra kodare eller motorn" in neither.content.decode()
    )
    other = make_collection(staff=collection.staff)
    foreign = confirmed_run(make_codebook(other), make_code(make_codebook(other)), [], [])
    with pytest.raises(AnalysisError, match="avslutad temasökning"):
        sample_create(codebook=codebook, title="P", size=2, coders=[editor], engine_run=foreign)
    with pytest.raises(AnalysisError, match="en person"):
        sample_create(codebook=codebook, title="P", size=2, coders=[editor, lead], engine_run=run)
    assert not AgreementSample.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_answers_that_came_after_the_run_are_placed_by_the_engine(cast: dict) -> None:
    collection = make_collection()
    codebook = make_codebook(collection)
    make_answers(collection, LOGIN + TRAINING)
    run = theme_run_execute_now(run_id=run_start(codebook=codebook, actor=None, enqueue=False).pk)
    for i, theme in enumerate(run.themes.all()):
        suggestion_confirm(theme=theme, actor=cast["editor"], label=f"Tema {i}")
    later = make_answers(
        collection, ["Inloggningen tar tio minuter, vi väntar länge på att logga in."]
    )[0]
    sample = sample_create(
        codebook=codebook, title="P", size=20, coders=[cast["editor"]], engine_run=run
    )
    engine = Coding.objects.filter(sample=sample)
    # Every answer (the run's and the later one) now has a code from the engine.
    assert {c.source_id for c in engine} == set(sample.sources.values_list("id", flat=True))
    placed = engine.get(source=later)
    login_codes = {c.code_id for c in engine.filter(source__text__in=LOGIN)}
    assert placed.code_id in login_codes
