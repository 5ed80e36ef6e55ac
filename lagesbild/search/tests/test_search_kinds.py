"""Codes and memos, records requests and documents, press, coverage and the FAQ in search:
each found only by those who may open it (a matrix over the cast), and kept current."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lagesbild.communications.models import FaqEntry, MediaCoverage, PressInquiry
from lagesbild.communications.services import (
    coverage_remove,
    coverage_save,
    faq_save,
    inquiry_save,
)
from lagesbild.experiences.tests.helpers import make_collection
from lagesbild.records.services import document_add, request_register, request_supplement
from lagesbild.search.models import SearchDocument
from lagesbild.search.query import search_for, visible_to
from lagesbild.search.registry import KINDS, known_actions
from lagesbild.search.services import search_reindex
from lagesbild.testing import make_other_staff, make_staff
from lagesbild.themes.services import code_merge, code_retire, memo_create
from lagesbild.themes.tests.helpers import make_code, make_codebook

NEW_KINDS = {
    "code",
    "memo",
    "records_request",
    "records_document",
    "press_inquiry",
    "coverage",
    "faq",
}


def _kinds_found(user, query: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {g.kind for g in search_for(user=user, query=query) if g.count}


def _fill(staff, cast: dict) -> None:  # type: ignore[no-untyped-def]
    """One of each new kind, every one holding the word "vårdcentralen"."""
    codebook = make_codebook(make_collection(staff=staff))
    make_code(codebook, name="Väntetider", description="Kö till vårdcentralen efter pausen.")
    memo_create(codebook=codebook, text="Memo: vårdcentralen nämns ofta.", author=cast["analyst"])
    request = request_register(
        staff=staff,
        received_at=timezone.now(),
        channel="email",
        description="E-post mellan vårdcentralen och leverantören i januari.",
        by=cast["editor"],
        requester_name="Anna Journalist",
        requester_contact="anna@tidning.example",
    )
    document_add(request=request, title="Mejl till vårdcentralen", kind="email", by=cast["editor"])
    inquiry_save(
        inquiry=PressInquiry(
            staff=staff,
            journalist="Per Reporter",
            outlet="SR Väst",
            question="Hur påverkas vårdcentralen av pausen?",
            received_at=timezone.now(),
        ),
        by=cast["editor"],
        changed=[],
    )
    coverage_save(
        item=MediaCoverage(
            staff=staff,
            date=timezone.localdate(),
            outlet="GP",
            kind="print",
            headline="Långa köer på vårdcentralen",
            topic="tillgänglighet",
        ),
        by=cast["editor"],
        changed=[],
    )
    faq_save(
        entry=FaqEntry(staff=staff, group="Vården"),
        question="Kan jag gå till vårdcentralen som vanligt?",
        answer="Ja, vårdcentralen har öppet som vanligt.",
        by=cast["editor"],
    )


ANALYSIS = {"code", "memo"}
RECORDS = {"records_request", "records_document"}
PRESS = {"press_inquiry", "coverage"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {"faq"}),
        ("reader", {"faq"}),
        ("contributor", {"faq"}),
        ("analyst", {"faq"} | ANALYSIS),
        ("decider", {"faq"} | RECORDS),
        ("editor", {"faq"} | ANALYSIS | RECORDS | PRESS),
        ("staff_lead", {"faq"} | ANALYSIS | RECORDS | PRESS),
        ("other_member", {"faq"}),
        ("ended_member", {"faq"}),
    ],
)
def test_each_new_kind_is_found_only_by_those_who_may_open_it(
    cast: dict, who: str, expected: set
) -> None:
    staff = make_staff()
    make_other_staff()  # other_member is an editor there, not here
    _fill(staff, cast)
    user = AnonymousUser() if who == "anonymous" else cast[who]
    assert _kinds_found(user, "vårdcentralen") & NEW_KINDS == expected
    client = Client()
    if who != "anonymous":
        client.force_login(cast[who])
    page = client.get("/sok/", {"q": "vårdcentralen"}).content.decode()
    assert ("Väntetider" in page) is ("code" in expected)
    assert ("SR Väst" in page) is ("press_inquiry" in expected)


@pytest.mark.django_db
def test_the_requesters_name_is_never_indexed(cast: dict) -> None:
    staff = make_staff()
    _fill(staff, cast)
    assert not _kinds_found(cast["staff_lead"], "Anna Journalist")
    assert not SearchDocument.objects.filter(body__contains="anna@tidning.example").exists()


@pytest.mark.django_db
def test_the_index_follows_codes_memos_records_and_press_in_the_same_transaction(
    cast: dict,
) -> None:
    staff = make_staff()
    _fill(staff, cast)
    lead = cast["staff_lead"]
    code = SearchDocument.objects.get(kind="code")
    assert code.url.endswith(f"/koder/{code.object_id}/")
    codebook = make_codebook(make_collection(staff=staff))
    old = make_code(codebook, name="Inloggningsproblem")
    new = make_code(codebook, name="Inloggning")
    memo_create(codebook=codebook, text="Gäller SITHS-kort.", author=lead, code=old)
    code_merge(code=old, into=new, actor=lead)
    found = {
        g.kind: [h.text for h in g.hits] for g in search_for(user=lead, query="inloggningsproblem")
    }
    assert "code" not in found, "a merged code leaves the index"
    memo = SearchDocument.objects.get(kind="memo", body__contains="SITHS")
    assert memo.title.startswith("Inloggning:") and memo.url.endswith(f"/koder/{new.pk}/")
    code_retire(code=new, actor=lead)
    assert not SearchDocument.objects.filter(kind="code", object_id=new.pk).exists()
    from lagesbild.records.models import RecordsRequest

    request = RecordsRequest.objects.get(staff=staff)
    request_supplement(request=request, text="Även sms-loggar önskas.", by=lead)
    assert "records_request" in _kinds_found(lead, "sms-loggar")
    item = MediaCoverage.objects.get(staff=staff)
    coverage_remove(item=item, by=lead)
    assert "coverage" not in _kinds_found(lead, "vårdcentralen")
    entry = FaqEntry.objects.get(staff=staff)
    faq_save(
        entry=entry,
        question="Kan jag gå till hälsocentralen som vanligt?",
        answer="Ja.",
        change_note="Nytt ord",
        by=lead,
    )
    assert "faq" in _kinds_found(AnonymousUser(), "hälsocentralen")
    assert "faq" not in _kinds_found(AnonymousUser(), "vårdcentralen")
    counts = search_reindex(kinds=sorted(NEW_KINDS))
    assert counts == {
        "code": 1,
        "memo": 2,
        "records_request": 1,
        "records_document": 1,
        "press_inquiry": 1,
        "coverage": 0,
        "faq": 1,
    }


def test_the_permissions_a_query_checks_come_from_the_registry() -> None:
    assert NEW_KINDS <= set(KINDS)
    assert {"code_experiences", "read_records", "manage_press", "manage_faq"} <= known_actions()


@pytest.mark.django_db
def test_a_query_does_not_ask_the_index_which_permissions_exist(cast: dict) -> None:
    staff = make_staff()
    _fill(staff, cast)
    with CaptureQueriesContext(connection) as queries:
        found = set(visible_to(cast["editor"]).values_list("kind", flat=True))
    assert found == NEW_KINDS, "an editor opens all of them"
    # One query for the person's memberships, one for the entries; none reads the actions.
    assert len(queries) == 2
    assert not any("DISTINCT" in q["sql"] for q in queries.captured_queries)
