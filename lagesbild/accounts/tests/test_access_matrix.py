"""The permission matrix over HTTP: every person in the cast × this staff or the other × action.

Each case acts on an object of staff S (the cast's staff, from make_staff). The people:
members of S in each role, a member of only the other staff, a member of S whose period
ended yesterday, an inactive account and an anonymous visitor. The expected roles are written
out here, not asked of roles_in(), so the test fails if memberships stop deciding. Each case
asserts the HTTP answer and whether the database changed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from lagesbild.accounts.models import AuditEntry, User
from lagesbild.accounts.permissions import (
    ADMIN,
    ANALYST,
    CONTRIB,
    DECIDER,
    EDITOR,
    LEAD,
    MATRIX,
    READER,
)
from lagesbild.communications.models import CommunicationAction
from lagesbild.distribution.tests.helpers import make_list
from lagesbild.experiences.tests.helpers import make_collection, make_source
from lagesbild.reports.models import Report, ReportState
from lagesbild.reports.tests.helpers import (
    first_text_section,
    make_report_in_state,
    make_series_with_template,
)
from lagesbild.staff.models import StaffMember
from lagesbild.testing import make_other_staff, make_staff, make_user

pytestmark = pytest.mark.django_db

# What each person is in staff S. Nobody outside this table holds a role there.
ROLES_IN_S: dict[str, frozenset[str]] = {
    "admin": frozenset({ADMIN}),
    "staff_lead": frozenset({LEAD, EDITOR}),
    "decider": frozenset({DECIDER, READER}),
    "editor": frozenset({EDITOR}),
    "analyst": frozenset({ANALYST}),
    "contributor": frozenset({CONTRIB}),
    "reader": frozenset({READER}),
    "other_member": frozenset(),  # editor, but of the other staff only
    "ended_member": frozenset(),  # editor of S until yesterday
    "outsider": frozenset(),  # inactive account
    "anonymous": frozenset(),
}
PEOPLE = list(ROLES_IN_S)
SIGNED_OUT = {"anonymous", "outsider"}  # Django treats an inactive account as not logged in


@dataclass
class Case:
    """`arrange` builds objects in S; `request` is (method, url, data); `happened` reads the db."""

    action: str
    arrange: Callable[[dict[str, Any]], dict[str, Any]]
    request: Callable[[dict[str, Any]], tuple[str, str, dict[str, Any]]]
    happened: Callable[[dict[str, Any]], bool]


def _report(state: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def arrange(w: dict[str, Any]) -> dict[str, Any]:
        return {"report": make_report_in_state(state, by=w["cast"]["editor"], series=w["series"])}

    return arrange


def _section(owner: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def arrange(w: dict[str, Any]) -> dict[str, Any]:
        report = make_report_in_state(ReportState.DRAFT, by=w["cast"]["editor"], series=w["series"])
        section = first_text_section(report)
        section.assignee = w["actor"] if owner == "own" else make_user("kollega")
        section.save()
        return {"report": report, "section": section}

    return arrange


def _section_edit(c: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    s = c["section"]
    url = reverse("reports:section_edit", args=[s.report_id, s.pk])
    return (
        "post",
        url,
        {"revision": s.revision, "heading": s.heading, "body": "Ny text", "save": ""},
    )


def _state_is(state: str) -> Callable[[dict[str, Any]], bool]:
    def happened(c: dict[str, Any]) -> bool:
        c["report"].refresh_from_db()
        return bool(c["report"].state == state)

    return happened


def _nothing(w: dict[str, Any]) -> dict[str, Any]:
    return {}


def _audited(action: str) -> Callable[[dict[str, Any]], bool]:
    return lambda c: AuditEntry.objects.filter(action=action).exists()


def _source(w: dict[str, Any]) -> dict[str, Any]:
    collection = make_collection(w["staff"])
    return {"source": make_source(collection, text="Sköterskan Berglund ringde.")}


def _source_url(name: str) -> Callable[[dict[str, Any]], tuple[str, str, dict[str, Any]]]:
    def request(c: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
        s = c["source"]
        data = {"phrase": "Berglund"} if name == "source_mark" else {}
        method = "post" if data else "get"
        return method, reverse(f"experiences:{name}", args=[s.collection.slug, s.pk]), data

    return request


CASES: dict[str, Case] = {
    "create_report": Case(
        "create_report",
        _nothing,
        lambda c: (
            "post",
            reverse("reports:report_create", args=[c["series"].slug]),
            {"kind": "ordinary"},
        ),
        lambda c: c["series"].reports.exists(),
    ),
    "edit_others_section": Case(
        "write_any_section",
        _section("other"),
        _section_edit,
        lambda c: type(c["section"]).objects.get(pk=c["section"].pk).body == "Ny text",
    ),
    "edit_own_section": Case(
        "write_assigned_section",
        _section("own"),
        _section_edit,
        lambda c: type(c["section"]).objects.get(pk=c["section"].pk).body == "Ny text",
    ),
    "assign": Case(
        "assign_sections",
        _section("other"),
        lambda c: (
            "post",
            reverse("reports:section_assign", args=[c["report"].pk, c["section"].pk]),
            {f"s{c['section'].pk}-assignee": ""},
        ),
        lambda c: type(c["section"]).objects.get(pk=c["section"].pk).assignee is None,
    ),
    "submit": Case(
        "submit_for_review",
        _report(ReportState.DRAFT),
        lambda c: ("post", reverse("reports:report_submit", args=[c["report"].pk]), {"note": ""}),
        _state_is(ReportState.REVIEW),
    ),
    "approve": Case(
        "approve_report",
        _report(ReportState.REVIEW),
        lambda c: ("post", reverse("reports:report_approve", args=[c["report"].pk]), {"note": ""}),
        _state_is(ReportState.APPROVED),
    ),
    "publish": Case(
        "publish_report",
        _report(ReportState.APPROVED),
        lambda c: ("post", reverse("reports:report_publish", args=[c["report"].pk]), {}),
        _state_is(ReportState.PUBLISHED),
    ),
    "correct": Case(
        "correct_report",
        _report(ReportState.PUBLISHED),
        lambda c: (
            "post",
            reverse("reports:report_correct", args=[c["report"].pk]),
            {"reason": "Fel"},
        ),
        lambda c: Report.objects.filter(corrects=c["report"]).exists(),
    ),
    "template_section_add": Case(
        "manage_series",
        _nothing,
        lambda c: (
            "post",
            reverse("reports:template_section_add", args=[c["series"].slug]),
            {"new-heading": "Nytt avsnitt", "new-level": "2", "new-kind": "text", "new-body": ""},
        ),
        lambda c: c["series"].template_sections.filter(heading="Nytt avsnitt").exists(),
    ),
    "make_series_public": Case(
        "make_series_public",
        _nothing,
        lambda c: (
            "post",
            reverse("reports:series_public", args=[c["series"].slug]),
            {"is_public": "1"},
        ),
        lambda c: type(c["series"]).objects.get(pk=c["series"].pk).is_public,
    ),
    "communication_action": Case(
        "manage_communications",
        _nothing,
        lambda c: (
            "post",
            reverse("communications:action_create", args=[c["staff"].slug]),
            {
                "date": "2025-02-26",
                "title": "Frågor och svar",
                "url": "https://intra.example/fs",
                "channel": "intranet",
            },
        ),
        lambda c: CommunicationAction.objects.filter(title="Frågor och svar").exists(),
    ),
    "staff_member": Case(
        "manage_staff",
        _nothing,
        lambda c: (
            "post",
            reverse("staff:member_create", args=[c["staff"].slug]),
            {"name": "Ny Person", "staff_role": "core"},
        ),
        lambda c: StaffMember.objects.filter(name="Ny Person").exists(),
    ),
    "recipient": Case(
        "manage_distribution",
        lambda w: {"list": make_list(w["staff"])},
        lambda c: (
            "post",
            reverse("distribution:list_detail", args=[c["list"].pk]),
            {"name": "Eva Ny", "email": "eva.ny@region.se", "organisation": ""},
        ),
        lambda c: c["list"].recipients.filter(email="eva.ny@region.se").exists(),
    ),
    "mark_personal": Case(
        "analyse_experiences",
        _source,
        _source_url("source_mark"),
        _audited("experiences.source_mark_personal"),
    ),
    "original_text": Case(
        "view_personal_data",
        _source,
        _source_url("source_original"),
        lambda c: (
            AuditEntry.objects.filter(object_type="experiences.source")
            .exclude(action="experiences.source_register")
            .exists()
        ),
    ),
    "read_drafts": Case(
        "read_drafts",
        _report(ReportState.DRAFT),
        lambda c: ("get", reverse("reports:report_edit", args=[c["report"].pk]), {}),
        lambda c: False,
    ),
    "read_published": Case(
        "read_published",
        _report(ReportState.PUBLISHED),
        lambda c: ("get", reverse("reports:report_detail", args=[c["report"].pk]), {}),
        lambda c: False,
    ),
    "read_deliveries": Case(
        "read_deliveries",
        _report(ReportState.PUBLISHED),
        lambda c: ("get", reverse("distribution:report_deliveries", args=[c["report"].pk]), {}),
        lambda c: False,
    ),
    "experiences_import_page": Case(
        "manage_experiences",
        lambda w: {"collection": make_collection(w["staff"])},
        lambda c: ("get", reverse("experiences:import_upload", args=[c["collection"].slug]), {}),
        lambda c: False,
    ),
}
READS = {"read_drafts", "read_published", "read_deliveries", "experiences_import_page"}


@pytest.fixture
def world(cast: dict[str, User]) -> dict[str, Any]:
    """Staff S with the cast as members and a series; the other staff with other_member."""
    series = make_series_with_template(staff=make_staff(name="Stab S"))
    other = make_other_staff(name="Stab O")
    return {"cast": cast, "series": series, "staff": series.staff, "other": other}


@pytest.mark.parametrize("case_name", list(CASES))
@pytest.mark.parametrize("person", PEOPLE)
def test_the_matrix_decides_per_staff(world: dict[str, Any], person: str, case_name: str) -> None:
    case = CASES[case_name]
    actor = world["cast"].get(person)
    ctx = {**world, "actor": actor}
    ctx.update(case.arrange(ctx))
    client = Client()
    if actor is not None:
        client.force_login(actor)
    method, url, data = case.request(ctx)

    response = getattr(client, method)(url, data)

    allowed = bool(ROLES_IN_S[person] & MATRIX[case.action])
    if allowed:
        assert response.status_code in (200, 302), (person, case_name, response.status_code)
        if case_name not in READS:
            assert case.happened(ctx), f"{person} may {case_name}, but nothing happened"
    else:
        if person in SIGNED_OUT:
            assert response.status_code == 302, (person, case_name, response.status_code)
            assert response["Location"].startswith(reverse("accounts:login"))
        else:
            assert response.status_code == 403, (person, case_name, response.status_code)
        assert not case.happened(ctx), f"{person} may not {case_name}, but it happened"


def test_every_action_with_a_case_is_in_the_matrix() -> None:
    assert {c.action for c in CASES.values()} <= set(MATRIX)


@pytest.mark.parametrize("person", PEOPLE)
def test_a_draft_on_the_reading_page_is_404_for_whoever_may_not_read_drafts(
    world: dict[str, Any], person: str
) -> None:
    report = make_report_in_state(
        ReportState.DRAFT, by=world["cast"]["editor"], series=world["series"]
    )
    client = Client()
    if world["cast"].get(person):
        client.force_login(world["cast"][person])
    response = client.get(reverse("reports:report_detail", args=[report.pk]))
    if person in SIGNED_OUT:
        assert response.status_code == 302
    elif ROLES_IN_S[person] & MATRIX["read_drafts"]:
        assert response.status_code == 200
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("person", PEOPLE)
def test_a_public_series_is_read_by_everyone_without_membership(
    world: dict[str, Any], person: str
) -> None:
    series = world["series"]
    series.is_public = True
    series.save()
    report = make_report_in_state(ReportState.PUBLISHED, by=world["cast"]["editor"], series=series)
    client = Client()
    if world["cast"].get(person):
        client.force_login(world["cast"][person])
    for url in (
        reverse("reports:report_detail", args=[report.pk]),
        reverse("reports:archive", args=[series.slug]),
        reverse("reports:index"),
    ):
        assert client.get(url).status_code == 200, (person, url)
