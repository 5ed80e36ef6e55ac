"""The codebook's and the matrix's counts are cached per codebook and stay exact after every change.

Each test fills the cache by viewing the pages, makes one kind of change, and checks the pages
again against the expected numbers (and against a computation that bypasses the cache).
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client

from lagesbild.experiences.models import Channel, ParticipantCategory, Source
from lagesbild.experiences.services import source_delete, source_update
from lagesbild.experiences.tests.helpers import make_collection, make_source
from lagesbild.themes.models import (
    Code,
    Coding,
    CountCache,
    Origin,
    SuggestedMember,
    SuggestedTheme,
    ThemeRun,
)
from lagesbild.themes.services import (
    code_merge,
    code_restore,
    code_retire,
    code_update,
    codebook_for,
    codings_reanchor,
    codings_review,
    member_move,
    qdpx_export,
    qdpx_import,
    suggestion_confirm,
)
from lagesbild.themes.services.counts import _code_counts, _matrix_counts
from lagesbild.themes.tests.helpers import make_answers, make_code, make_codebook, make_coding
from lagesbild.themes.views.codebook import code_tree, subtrees


def codebook_page(client: Client, slug: str) -> dict[str, tuple[int, int, int]]:
    response = client.get(f"/analys/{slug}/koder/")
    assert response.status_code == 200
    return {
        code.name: (code.n_sources, code.n_confirmed, code.n_proposed)
        for code, _depth in response.context["tree"]
    }


def matrix_page(client: Client, slug: str, everything: bool = False) -> dict[str, Any]:
    """{code name: ({category name: sources}, {channel: sources})} as the page shows them."""
    response = client.get(f"/analys/{slug}/matris/" + ("?alla=1" if everything else ""))
    assert response.status_code == 200
    return {
        row["code"].name: (
            {c.name: cell["sources"] for c, cell in row["categories"] if cell},
            {ch[0]: cell["sources"] for ch, cell in row["channels"] if cell},
        )
        for row in response.context["rows"]
    }


def assert_exact(client: Client, collection: Any) -> None:
    """The cached pages equal a fresh computation that bypasses the cache."""
    codebook = codebook_for(collection=collection)
    fresh = _code_counts(codebook)["codes"]
    for code in Code.objects.filter(codebook=codebook, retired_at__isnull=True):
        assert codebook_page(client, collection.slug)[code.name] == tuple(
            fresh.get(str(code.pk), (0, 0, 0))
        )
    subs = subtrees(code_tree(list(codebook.codes.active())))
    for everything in (False, True):
        computed = _matrix_counts(codebook, subs, everything)
        page = matrix_page(client, collection.slug, everything)
        for code in codebook.codes.active():
            shown = page[code.name][1]
            expected = {
                key.split(":", 1)[1]: n[0]
                for key, n in computed["channel"].items()
                if key.split(":", 1)[0] == str(code.pk)
            }
            assert shown == expected, code.name


@pytest.fixture
def project(db: None, cast: dict, client: Client) -> dict[str, Any]:
    collection = make_collection()
    kommun = ParticipantCategory.objects.create(collection=collection, name="Kommunen")
    region = ParticipantCategory.objects.create(collection=collection, name="Regionen")
    codebook = make_codebook(collection)
    theme = make_code(codebook, name="Inloggning", is_theme=True)
    slow = make_code(codebook, name="Långsam", parent=theme)
    card = make_code(codebook, name="Kort", parent=theme)
    other = make_code(codebook, name="Utbildning")
    a, b = make_answers(collection, ["Det tar tid", "Kortet krånglar"], category=kommun)
    c = make_answers(collection, ["Utbildningen kom sent"], category=region)[0]
    meeting = make_source(collection, text="Mötet om inloggningen", channel=Channel.MEETING)
    editor = cast["editor"]
    make_coding(a, slow, coder=editor)
    make_coding(a, card, coder=editor)
    make_coding(b, card, coder=editor)
    make_coding(c, other, coder=editor)
    make_coding(meeting, slow, coder=editor)
    proposal = make_coding(c, card, origin=Origin.ENGINE)
    client.force_login(editor)
    # The pages fill the cache; the numbers are what the matrix tests establish.
    assert codebook_page(client, collection.slug) == {
        "Inloggning": (0, 0, 0),
        "Långsam": (2, 2, 0),
        "Kort": (3, 2, 1),
        "Utbildning": (1, 1, 0),
    }
    assert matrix_page(client, collection.slug)["Inloggning"] == (
        {"Kommunen": 2},
        {"web": 2, "meeting": 1},
    )
    assert CountCache.objects.filter(codebook=codebook).count() == 2
    return {
        "collection": collection,
        "codebook": codebook,
        "codes": {"theme": theme, "slow": slow, "card": card, "other": other},
        "sources": {"a": a, "b": b, "c": c, "meeting": meeting},
        "categories": {"kommun": kommun, "region": region},
        "proposal": proposal,
        "editor": editor,
    }


def test_a_second_view_reads_the_cache(project: dict, client: Client) -> None:
    slug = project["collection"].slug
    # Counts written behind the services' back do not show: the page reads the cache...
    Coding.objects.filter(code=project["codes"]["other"]).delete()
    assert codebook_page(client, slug)["Utbildning"] == (1, 1, 0)
    assert matrix_page(client, slug)["Utbildning"][1] == {"web": 1}


def test_a_new_coding_counts_at_once(project: dict, client: Client) -> None:
    slug = project["collection"].slug
    url = f"/analys/{slug}/kallor/{project['sources']['b'].pk}/"
    response = client.post(url, {"codes": [project["codes"]["other"].pk], "whole": "1"})
    assert response.status_code == 302
    assert codebook_page(client, slug)["Utbildning"] == (2, 2, 0)
    assert matrix_page(client, slug)["Utbildning"] == ({"Kommunen": 1, "Regionen": 1}, {"web": 2})
    assert_exact(client, project["collection"])


def test_the_grid_bulk_action_counts(project: dict, client: Client) -> None:
    slug = project["collection"].slug
    ids = [project["sources"][k].pk for k in ("a", "b")]
    client.post(f"/analys/{slug}/enkat/", {"source": ids, "code": project["codes"]["other"].pk})
    assert codebook_page(client, slug)["Utbildning"] == (3, 3, 0)
    assert_exact(client, project["collection"])


def test_a_deleted_coding_stops_counting(project: dict, client: Client) -> None:
    slug = project["collection"].slug
    coding = Coding.objects.get(code=project["codes"]["other"])
    response = client.post(
        f"/analys/{slug}/kallor/{coding.source_id}/kodning/{coding.pk}/", {"do": "delete"}
    )
    assert response.status_code == 302
    assert not Coding.objects.filter(pk=coding.pk).exists()
    assert codebook_page(client, slug)["Utbildning"] == (0, 0, 0)
    assert matrix_page(client, slug)["Utbildning"] == ({}, {})
    assert_exact(client, project["collection"])


def test_a_reviewed_proposal_counts_as_confirmed(project: dict, client: Client) -> None:
    slug = project["collection"].slug
    assert "Regionen" not in matrix_page(client, slug)["Kort"][0]
    codings_review(codings=[project["proposal"]], actor=project["editor"])
    assert codebook_page(client, slug)["Kort"] == (3, 3, 0)
    assert matrix_page(client, slug)["Kort"][0] == {"Kommunen": 2, "Regionen": 1}
    assert_exact(client, project["collection"])


def test_merge_move_retire_and_restore_recount(project: dict, client: Client) -> None:
    slug, codes, editor = project["collection"].slug, project["codes"], project["editor"]
    code_merge(code=codes["other"], into=codes["slow"], actor=editor)
    assert codebook_page(client, slug)["Långsam"] == (3, 3, 0)
    assert matrix_page(client, slug)["Inloggning"][0] == {"Kommunen": 2, "Regionen": 1}
    assert_exact(client, project["collection"])
    # Moving "Kort" out of the theme: the theme no longer counts what "Kort" found.
    card = Code.objects.get(pk=codes["card"].pk)
    code_update(
        code=card, version=card.version, actor=editor, name=card.name,
        description="", colour=card.colour, is_theme=False, parent=None,
    )  # fmt: skip
    assert matrix_page(client, slug)["Inloggning"][1] == {"web": 2, "meeting": 1}
    assert_exact(client, project["collection"])
    code_retire(code=Code.objects.get(pk=codes["slow"].pk), actor=editor)
    assert "Långsam" not in codebook_page(client, slug)
    assert matrix_page(client, slug)["Inloggning"] == ({}, {})
    code_restore(code=Code.objects.get(pk=codes["slow"].pk), actor=editor)
    assert codebook_page(client, slug)["Långsam"] == (3, 3, 0)
    assert_exact(client, project["collection"])


def test_a_deleted_or_recategorised_source_recounts(project: dict, client: Client) -> None:
    slug, sources = project["collection"].slug, project["sources"]
    source_update(
        source=Source.objects.get(pk=sources["b"].pk),
        actor=project["editor"],
        changes={"category": project["categories"]["region"]},
    )
    assert matrix_page(client, slug)["Kort"][0] == {"Kommunen": 1, "Regionen": 1}
    assert_exact(client, project["collection"])
    source_delete(source=Source.objects.get(pk=sources["a"].pk), actor=project["editor"])
    assert codebook_page(client, slug)["Långsam"] == (1, 1, 0)
    assert matrix_page(client, slug)["Inloggning"][0] == {"Regionen": 1}
    assert_exact(client, project["collection"])


def test_a_coding_whose_text_vanished_stops_counting(project: dict, client: Client) -> None:
    slug = project["collection"].slug
    meeting = Source.objects.get(pk=project["sources"]["meeting"].pk)
    codings_reanchor(source=meeting, old_text=meeting.text, new_text="")
    assert codebook_page(client, slug)["Långsam"] == (1, 1, 0)
    assert matrix_page(client, slug)["Inloggning"][1] == {"web": 2}
    assert_exact(client, project["collection"])


def test_confirmed_and_moved_suggestions_count(project: dict, client: Client) -> None:
    slug, codebook, sources = project["collection"].slug, project["codebook"], project["sources"]
    run = ThemeRun.objects.create(codebook=codebook, status="done")
    first = SuggestedTheme.objects.create(run=run, engine_id=0, label="Väntan", size=2)
    second = SuggestedTheme.objects.create(run=run, engine_id=1, label="Annat", size=1)
    for source in (sources["a"], sources["b"]):
        SuggestedMember.objects.create(theme=first, source=source, spans=[[0, 3]])
    moving = SuggestedMember.objects.create(theme=second, source=sources["c"], spans=[[0, 4]])
    suggestion_confirm(theme=first, actor=project["editor"])
    assert codebook_page(client, slug)["Väntan"] == (2, 0, 2)
    assert matrix_page(client, slug)["Väntan"] == ({}, {})  # proposals only, not yet reviewed
    assert matrix_page(client, slug, everything=True)["Väntan"][1] == {"web": 2}
    member_move(member=moving, theme=first, actor=project["editor"])
    # A person moved the text: that coding counts as reviewed.
    assert codebook_page(client, slug)["Väntan"] == (3, 1, 2)
    assert matrix_page(client, slug)["Väntan"][0] == {"Regionen": 1}
    assert_exact(client, project["collection"])


def test_an_imported_project_is_counted(project: dict, client: Client) -> None:
    buffer = io.BytesIO()
    qdpx_export(collection=project["collection"], out=buffer)
    target = make_collection(staff=project["collection"].staff)
    assert codebook_page(client, target.slug) == {}  # an empty codebook, cached at version 0
    buffer.seek(0)
    qdpx_import(collection=target, data=buffer, actor=project["editor"])
    assert codebook_page(client, target.slug)["Kort"][0] == 3
    assert_exact(client, target)


def test_sample_codings_leave_the_cache_alone(project: dict, client: Client, cast: dict) -> None:
    from lagesbild.themes.services import coding_create, sample_create

    codebook = project["codebook"]
    version = type(codebook).objects.get(pk=codebook.pk).counts_version
    sample = sample_create(
        codebook=codebook, title="P", size=2, coders=[project["editor"], cast["staff_lead"]]
    )
    source = sample.sources.first()
    coding_create(
        source=source,
        code=project["codes"]["other"],
        start=0,
        end=len(source.text),
        coder=project["editor"],
        sample_id=sample.pk,
    )
    assert type(codebook).objects.get(pk=codebook.pk).counts_version == version
    assert_exact(client, project["collection"])
