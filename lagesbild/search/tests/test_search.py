import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from lagesbild.decisions.models import Decision
from lagesbild.decisions.services.decisions import decision_record
from lagesbild.decisions.services.risks import risk_update
from lagesbild.decisions.tests.helpers import make_risk
from lagesbild.journal.tests.helpers import make_entry
from lagesbild.reports.models import ReportState
from lagesbild.search.models import SearchDocument
from lagesbild.search.query import search_for
from lagesbild.search.services import search_reindex, search_update
from lagesbild.testing import make_report, make_series, make_staff


def _found(user, query: str, kind: str = "") -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return {g.kind: [h.text for h in g.hits] for g in search_for(user=user, query=query, kind=kind)}


@pytest.mark.django_db
def test_it_finds_swedish_word_forms_with_every_word_and_marks_them(cast: dict) -> None:
    staff = make_staff()
    make_entry(staff, cast["editor"], text="Problem med inloggningen på akutmottagningen i Borås.")
    make_entry(staff, cast["editor"], text="Inloggning fungerar i Skövde.")
    found = _found(cast["editor"], "inloggning Borås")
    assert [t.split(": ", 1)[1] for t in found["journal"]] == [
        "Problem med inloggningen på akutmottagningen i Borås."
    ]
    assert len(_found(cast["editor"], "inloggning")["journal"]) == 2
    group = search_for(user=cast["editor"], query="inloggning borås")[0]
    assert "<mark>inloggningen</mark>" in group.hits[0].snippet
    assert "<mark>Borås</mark>" in group.hits[0].snippet
    assert search_for(user=cast["editor"], query="  ,. ") == []


@pytest.mark.django_db
def test_the_index_follows_changes_in_the_same_transaction(cast: dict) -> None:
    staff = make_staff()
    risk = make_risk(staff, cast["editor"], title="Remisser kommer bort")
    assert _found(cast["editor"], "remisser")["risk"] == ["R1 Remisser kommer bort"]
    risk.title = "Läkemedelslistor blir fel"
    risk_update(risk=risk, by=cast["editor"], changed=["title"])
    assert "risk" not in _found(cast["editor"], "remisser")
    assert _found(cast["editor"], "läkemedelslistorna")["risk"] == ["R1 Läkemedelslistor blir fel"]
    decision_record(
        decision=Decision(
            staff=staff,
            title="Införandet pausas",
            decision_text="Pausa.",
            reasons="Patientsäkerheten",
            decided_on=timezone.localdate(),
            decided_by_body="Regionstyrelsen",
        ),
        by=cast["staff_lead"],
    )
    assert _found(cast["editor"], "patientsäkerheten")["decision"] == ["Införandet pausas"]
    assert "Beslut: Införandet pausas" in _found(cast["editor"], "pausas")["journal"][0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {"public"}),
        ("reader", {"public", "internal"}),
        ("contributor", {"public", "internal", "draft", "decision", "journal"}),
        ("editor", {"public", "internal", "draft", "decision", "journal"}),
        ("staff_lead", {"public", "internal", "draft", "decision", "journal"}),
    ],
)
def test_a_result_appears_only_for_those_who_may_open_it(
    cast: dict, who: str, expected: set
) -> None:
    staff = make_staff()
    public_series = make_series(staff, is_public=True)
    internal_series = make_series(staff)
    for series, title, state in [
        (public_series, "public", ReportState.PUBLISHED),
        (internal_series, "internal", ReportState.PUBLISHED),
        (internal_series, "draft", ReportState.DRAFT),
    ]:
        report = make_report(series, title=f"Pausen {title}", state=state)
        search_update(obj=report)
    make_risk(staff, cast["editor"], title="Pausen decision")  # the decision basis
    make_entry(staff, cast["editor"], text="Pausen journal")
    user = AnonymousUser() if who == "anonymous" else cast[who]
    texts = [text for hits in _found(user, "pausen").values() for text in hits]
    markers = {"public", "internal", "draft", "decision", "journal"}
    found = {m for m in markers if any(f"Pausen {m}" in text for text in texts)}
    assert found == expected
    client = Client()
    if who != "anonymous":
        client.force_login(cast[who])
    page = client.get("/sok/", {"q": "pausen"}).content.decode()
    page = page.replace("<mark>", "").replace("</mark>", "")
    assert ("Pausen draft" in page) is ("draft" in expected)
    assert ("Pausen public" in page) is True


@pytest.mark.django_db
def test_text_from_outside_is_escaped_in_results(cast: dict) -> None:
    staff = make_staff()
    make_entry(staff, cast["editor"], text='Brev från <script>alert("x")</script> medarbetare')
    client = Client()
    client.force_login(cast["editor"])
    page = client.get("/sok/", {"q": "medarbetare"}).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page


@pytest.mark.django_db
def test_the_command_line_prints_kind_title_date_and_link_and_can_reindex(cast: dict) -> None:
    staff = make_staff()
    entry = make_entry(staff, cast["editor"], text="Samtal från SR Väst om pausen")
    SearchDocument.objects.all().delete()
    out = io.StringIO()
    call_command("search", "--bygg-om", stdout=out)
    assert "Sökindexet är ombyggt" in out.getvalue()
    out = io.StringIO()
    call_command("search", "väst", "--anvandare", "editor", stdout=out)
    kind, title, day, link = out.getvalue().strip().split("\t")
    assert (kind, day) == ("Stabsjournal", f"{timezone.localdate():%Y-%m-%d}")
    assert "SR Väst" in title and link.endswith(f"/stabsarbete/journal/{entry.pk}/")
    out = io.StringIO()
    call_command("search", "väst", stdout=out)  # without a person: only what is public
    assert out.getvalue().strip() == "Inget hittades."
    assert search_reindex(kinds=["journal"]) == {"journal": 1}


@pytest.mark.django_db
def test_experiences_are_found_in_their_own_index_redacted_and_only_by_analysts(cast: dict) -> None:
    from lagesbild.experiences.tests.helpers import make_collection, make_source

    staff = make_staff()
    collection = make_collection(staff=staff)
    make_source(collection, text="Inloggningen tar fem minuter varje morgon på akuten.")
    assert len(_found(cast["contributor"], "inloggning")["source"]) == 1
    group = next(
        g for g in search_for(user=cast["contributor"], query="inloggning") if g.kind == "source"
    )
    assert "<mark>Inloggningen</mark>" in group.hits[0].snippet
    assert "source" not in _found(cast["reader"], "inloggning")
    assert "source" not in _found(cast["other_member"], "inloggning")
