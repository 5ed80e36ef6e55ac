"""A common word costs about what a rare one does: counts stop at a cap, ranking is bounded."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lagesbild.journal.tests.helpers import make_entry
from lagesbild.search import query
from lagesbild.search.fulltext import uses_fts5
from lagesbild.search.query import search_for, total_of
from lagesbild.testing import make_other_staff, make_staff


@pytest.mark.django_db
def test_counts_stop_at_the_cap_and_the_page_and_command_line_say_more_than(
    cast: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = make_staff()
    for i in range(5):
        make_entry(staff, cast["editor"], text=f"Remissen nummer {i} kom bort")
    make_entry(staff, cast["editor"], text="Ett ovanligt ord: vårdkedjeanalysen")
    assert total_of(search_for(user=cast["editor"], query="remiss")) == (5, False)
    monkeypatch.setattr(query, "COUNT_CAP", 3)
    groups = search_for(user=cast["editor"], query="remiss")
    assert [(g.kind, g.count, g.capped) for g in groups] == [("journal", 3, True)]
    assert total_of(groups) == (3, True)
    # Below the cap the count is exact and not marked.
    assert total_of(search_for(user=cast["editor"], query="vårdkedjeanalysen")) == (1, False)
    client = Client()
    client.force_login(cast["editor"])
    page = client.get("/sok/", {"q": "remiss"}).content.decode()
    assert "Fler än 3 träffar." in page and "(minst 3)" in page
    assert "(minst" not in client.get("/sok/", {"q": "vårdkedjeanalysen"}).content.decode()
    err = io.StringIO()
    call_command("search", "remiss", "--anvandare", "editor", stdout=io.StringIO(), stderr=err)
    assert err.getvalue().strip() == "Fler än 3 träffar."
    monkeypatch.setattr(query, "COUNT_CAP", 1000)
    err = io.StringIO()
    call_command("search", "remiss", "--anvandare", "editor", stdout=io.StringIO(), stderr=err)
    assert err.getvalue().strip() == "5 träffar."


@pytest.mark.django_db
def test_few_matches_are_ranked_best_first_over_all_of_them(cast: dict) -> None:
    staff = make_staff()
    make_entry(staff, cast["editor"], text="Leverantören svarade om pausen.")
    make_entry(staff, cast["editor"], text="Leverantören, leverantören och åter leverantören.")
    make_entry(
        staff, cast["editor"], text="Samtal med regionen där leverantören nämndes i förbigående."
    )
    hits = search_for(user=cast["editor"], query="leverantören", kind="journal")[0].hits
    assert "åter leverantören" in hits[0].text  # the best match first, though not the newest
    assert len(hits) == 3


@pytest.mark.django_db
def test_bounded_ranking_still_finds_what_the_person_may_open_behind_what_they_may_not(
    cast: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, other = make_staff(), make_other_staff()
    make_entry(mine, cast["editor"], text="Bemanningen på akuten är låg")
    for i in range(7):  # indexed later, so read first: none of them may the editor open
        make_entry(other, cast["other_member"], text=f"Bemanningen i annan stab, vecka {i}")
    monkeypatch.setattr(query, "RANKED_CANDIDATES", 2)
    hits = search_for(user=cast["editor"], query="bemanningen")
    assert [h.text for g in hits for h in g.hits] == [
        h.text for g in search_for(user=cast["editor"], query="akuten") for h in g.hits
    ]
    assert len(hits[0].hits) == 1 and "akuten" in hits[0].hits[0].text
    # The other staff's editor sees their own seven, batch after batch, and never the first.
    theirs = search_for(user=cast["other_member"], query="bemanningen", kind="journal")[0]
    # (PostgreSQL ranks the newest RANKED_CANDIDATES visible matches, so it shows two.)
    assert theirs.count == 7 and len(theirs.hits) == (7 if uses_fts5() else 2)
    assert all("annan stab" in h.text for h in theirs.hits)


@pytest.mark.django_db
def test_experiences_are_counted_up_to_the_cap_too(
    cast: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lagesbild.experiences.tests.helpers import make_collection, make_source

    collection = make_collection(staff=make_staff())
    for i in range(5):
        make_source(collection, text=f"Inloggningen tog {i} minuter på akuten.")

    def sources() -> tuple[int, bool]:
        groups = search_for(user=cast["contributor"], query="inloggning", kind="source")
        return groups[0].count, groups[0].capped

    assert sources() == (5, False)
    monkeypatch.setattr(query, "COUNT_CAP", 3)
    with CaptureQueriesContext(connection) as run:
        assert sources() == (3, True)
    # The count itself stops one past the cap (a common word costs no more to count).
    counts = [q["sql"] for q in run.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT 4" in sql for sql in counts), counts
