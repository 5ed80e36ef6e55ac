"""Theme discovery from the web page: a background run, suggestions, and people's verdicts."""

import pytest
from django.test import Client

from lagesbild.experiences.tests.helpers import make_collection
from lagesbild.themes.models import (
    Coding,
    Origin,
    RunStatus,
    SuggestedTheme,
    SuggestionStatus,
    ThemeRun,
)
from lagesbild.themes.services import run_assign_new
from lagesbild.themes.tests.helpers import make_answers, make_codebook

LOGIN = [
    "Inloggningen tar tio minuter varje morgon och systemet hänger sig.",
    "Det tar lång tid att logga in, ibland tio minuter.",
    "Inloggning med kort fungerar inte, vi väntar länge på att logga in.",
    "Systemet loggar ut oss hela tiden och inloggningen är långsam.",
]
TRAINING = [
    "Utbildningen kom alldeles för sent, vi fick ingen tid att öva.",
    "Vi fick ingen utbildning innan starten och ingen tid att träna.",
    "Utbildningen var för kort och kom efter att vi börjat.",
    "Mer utbildning behövs, särskilt för nya medarbetare som inte fått öva.",
]
CAMPAIGN = "Vi kräver att införandet stoppas tills utbildningen är klar för alla."


def start(client: Client, collection, **data) -> ThemeRun:  # type: ignore[no-untyped-def]
    response = client.post(f"/analys/{collection.slug}/teman/", {"backend": "tfidf", **data})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ThemeRun.objects.latest("pk")


@pytest.mark.django_db(transaction=True)
def test_a_run_started_from_the_page_stores_suggested_themes_with_members(
    client: Client, cast: dict
) -> None:
    collection = make_collection()
    make_answers(collection, LOGIN + TRAINING + [CAMPAIGN] * 3)
    client.force_login(cast["editor"])
    run = start(client, collection)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.progress == 100
    assert run.engine_version and "k" in run.parameters
    themes = list(run.themes.all())
    assert len(themes) >= 2
    assert sum(t.members.count() for t in themes) >= 11
    page = client.get(f"/analys/{collection.slug}/teman/{run.pk}/").content.decode()
    assert "Maskinförslag" in page and "Bekräfta som tema" in page
    theme = run.themes.first()
    listing = client.get(
        f"/analys/{collection.slug}/teman/{run.pk}/tema/{theme.pk}/"
    ).content.decode()
    assert listing.count('name="do" value="move"') == theme.members.count()
    assert "varav 3 är en kampanj" in page


@pytest.mark.django_db(transaction=True)
def test_confirming_makes_a_code_whose_codings_await_review(client: Client, cast: dict) -> None:
    collection = make_collection()
    make_answers(collection, LOGIN + TRAINING)
    client.force_login(cast["editor"])
    run = start(client, collection)
    theme = run.themes.first()
    assert theme is not None
    action = f"/analys/{collection.slug}/teman/{run.pk}/atgard/"
    client.post(action, {"do": "confirm", "theme": theme.pk, "label": "Inloggning och väntan"})
    theme.refresh_from_db()
    assert theme.status == SuggestionStatus.CONFIRMED and theme.code.name == "Inloggning och väntan"
    codings = Coding.objects.filter(code=theme.code)
    assert codings.count() >= theme.members.count()
    assert all(
        c.origin == Origin.ENGINE and c.run == run and c.reviewed_at is None for c in codings
    )
    assert not Coding.objects.confirmed().filter(code=theme.code).exists()
    coding = codings.first()
    page = client.get(f"/analys/{collection.slug}/kallor/{coding.source_id}/").content.decode()
    assert "Maskinförslag, ej granskat" in page
    client.post(
        f"/analys/{collection.slug}/kallor/{coding.source_id}/kodning/{coding.pk}/",
        {"do": "review"},
    )
    coding.refresh_from_db()
    assert coding.reviewed_by == cast["editor"] and coding.is_confirmed


@pytest.mark.django_db(transaction=True)
def test_merge_rename_discard_and_move(client: Client, cast: dict) -> None:
    collection = make_collection()
    make_answers(collection, LOGIN + TRAINING)
    client.force_login(cast["editor"])
    run = start(client, collection)
    action = f"/analys/{collection.slug}/teman/{run.pk}/atgard/"
    themes = list(run.themes.all())
    a, b = themes[0], themes[1]
    member = b.members.first()
    client.post(action, {"do": "move", "member": member.pk, "target": a.pk})
    member.refresh_from_db()
    assert member.theme == a and member.moved_by_person
    client.post(action, {"do": "rename", "theme": a.pk, "label": "Nytt namn"})
    a.refresh_from_db()
    assert a.label == "Nytt namn"
    total = sum(t.members.count() for t in themes)
    client.post(action, {"do": "merge", "theme": [a.pk, b.pk], "label": "Allt"})
    a.refresh_from_db()
    b.refresh_from_db()
    assert b.status == SuggestionStatus.MERGED and a.label == "Allt" and a.members.count() == total
    client.post(action, {"do": "discard", "theme": a.pk})
    a.refresh_from_db()
    assert a.status == SuggestionStatus.DISCARDED


@pytest.mark.django_db(transaction=True)
def test_answers_arriving_later_are_proposed_to_existing_themes(client: Client, cast: dict) -> None:
    collection = make_collection()
    make_answers(collection, LOGIN + TRAINING)
    client.force_login(cast["editor"])
    run = start(client, collection)
    late = make_answers(collection, ["Inloggningen tar fortfarande tio minuter."])[0]
    assert run_assign_new(run=run, actor=None) == 1
    member = SuggestedTheme.objects.get(run=run, members__source=late).members.get(source=late)
    assert member.assigned_later
    assert run_assign_new(run=run, actor=None) == 0


@pytest.mark.django_db(transaction=True)
def test_find_more_like_this_lists_look_alikes(client: Client, cast: dict) -> None:
    collection = make_collection()
    answers = make_answers(collection, LOGIN + TRAINING)
    client.force_login(cast["editor"])
    start(client, collection)
    page = client.get(
        f"/analys/{collection.slug}/kallor/{answers[0].pk}/liknande/"
    ).content.decode()
    assert "Det tar lång tid att logga in" in page


@pytest.mark.django_db
def test_discovery_on_an_empty_selection_is_refused_and_nothing_is_stored(
    client: Client, cast: dict
) -> None:
    collection = make_collection()
    make_codebook(collection)
    client.force_login(cast["editor"])
    response = client.post(f"/analys/{collection.slug}/teman/", {"backend": "tfidf"})
    assert response.status_code == 400
    assert "Urvalet innehåller 0 källor" in response.content.decode()
    assert not ThemeRun.objects.exists()


@pytest.mark.django_db
def test_the_progress_part_is_polled_while_the_run_waits(client: Client, cast: dict) -> None:
    collection = make_collection()
    run = ThemeRun.objects.create(
        codebook=make_codebook(collection),
        progress=30,
        status=RunStatus.RUNNING,
        message="Beräknar",
    )
    client.force_login(cast["editor"])
    part = client.get(
        f"/analys/{collection.slug}/teman/{run.pk}/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'hx-trigger="every 2s"' in part and 'value="30"' in part


@pytest.mark.django_db(transaction=True)
def test_splitting_a_suggestion_makes_two_labelled_parts(client: Client, cast: dict) -> None:
    collection = make_collection()
    make_answers(collection, LOGIN + TRAINING)
    client.force_login(cast["editor"])
    run = start(client, collection)
    action = f"/analys/{collection.slug}/teman/{run.pk}/atgard/"
    themes = list(run.themes.all())
    client.post(action, {"do": "merge", "theme": [t.pk for t in themes]})
    merged = run.themes.get(status=SuggestionStatus.SUGGESTED)
    assert merged.members.count() == 8
    client.post(action, {"do": "split", "theme": merged.pk})
    parts = list(run.themes.filter(status=SuggestionStatus.SUGGESTED))
    assert len(parts) == 2 and sum(p.members.count() for p in parts) == 8
    assert all(p.label and p.size == p.members.count() for p in parts)


@pytest.mark.django_db
def test_the_overview_counts_runs_with_waiting_suggestions_once_each(
    client: Client, cast: dict
) -> None:
    collection = make_collection()
    run = ThemeRun.objects.create(codebook=make_codebook(collection), status=RunStatus.DONE)
    for n in range(3):
        SuggestedTheme.objects.create(run=run, engine_id=n, label=f"Tema {n}")
    client.force_login(cast["editor"])
    body = client.get(f"/analys/{collection.slug}/").content.decode()
    assert "1 temasökning har förslag som väntar" in body
