"""The permission matrix, tested as a matrix: every role in the cast × every editing action."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from lagesbild.accounts.models import User
from lagesbild.accounts.permissions import MATRIX
from lagesbild.reports.models import Report, ReportState, Series
from lagesbild.reports.tests.helpers import (
    first_text_section,
    make_report_in_state,
    make_series_with_template,
)
from lagesbild.testing import make_staff, make_user

pytestmark = [pytest.mark.django_db]

ROLES = ["admin", "staff_lead", "editor", "contributor", "reader", "anonymous", "outsider"]


@dataclass
class Case:
    """Arrange returns state; `request` is (url, data); `happened` looks in the database."""

    matrix_action: str
    arrange: Callable[[dict[str, User], User | None], dict[str, Any]]
    request: Callable[[dict[str, Any]], tuple[str, dict[str, Any]]]
    happened: Callable[[dict[str, Any]], bool]


def _report(state: str) -> Callable[[dict[str, User], User | None], dict[str, Any]]:
    def arrange(cast: dict[str, User], actor: User | None) -> dict[str, Any]:
        return {"report": make_report_in_state(state, by=cast["editor"])}

    return arrange


def _section_of(owner: str) -> Callable[[dict[str, User], User | None], dict[str, Any]]:
    def arrange(cast: dict[str, User], actor: User | None) -> dict[str, Any]:
        report = make_report_in_state(ReportState.DRAFT, by=cast["editor"])
        section = first_text_section(report)
        # "own": the acting user is the assignee; "other": someone else is.
        section.assignee = actor if owner == "own" else make_user("annan", "contributor")
        section.save()
        return {"report": report, "section": section}

    return arrange


def _section_edit(ctx: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    s = ctx["section"]
    url = reverse("reports:section_edit", args=[s.report_id, s.pk])
    return url, {"revision": s.revision, "heading": s.heading, "body": "Ny text", "save": ""}


def _body_changed(ctx: dict[str, Any]) -> bool:
    ctx["section"].refresh_from_db()
    return ctx["section"].body == "Ny text"


def _state_is(state: str) -> Callable[[dict[str, Any]], bool]:
    def happened(ctx: dict[str, Any]) -> bool:
        ctx["report"].refresh_from_db()
        return ctx["report"].state == state

    return happened


def _series(cast: dict[str, User], actor: User | None) -> dict[str, Any]:
    return {"series": make_series_with_template(), "staff": make_staff()}


CASES: dict[str, Case] = {
    "create_report": Case(
        "create_report",
        _series,
        lambda c: (reverse("reports:report_create", args=[c["series"].slug]), {"kind": "ordinary"}),
        lambda c: c["series"].reports.exists(),
    ),
    "edit_others_section": Case(
        "write_any_section", _section_of("other"), _section_edit, _body_changed
    ),
    "edit_own_section": Case(
        "write_assigned_section", _section_of("own"), _section_edit, _body_changed
    ),
    "assign": Case(
        "assign_sections",
        _section_of("other"),
        lambda c: (
            reverse("reports:section_assign", args=[c["report"].pk, c["section"].pk]),
            {f"s{c['section'].pk}-assignee": ""},
        ),
        lambda c: type(c["section"]).objects.get(pk=c["section"].pk).assignee is None,
    ),
    "submit_for_review": Case(
        "submit_for_review",
        _report(ReportState.DRAFT),
        lambda c: (reverse("reports:report_submit", args=[c["report"].pk]), {"note": ""}),
        _state_is(ReportState.REVIEW),
    ),
    "approve": Case(
        "approve_report",
        _report(ReportState.REVIEW),
        lambda c: (reverse("reports:report_approve", args=[c["report"].pk]), {"note": ""}),
        _state_is(ReportState.APPROVED),
    ),
    "publish": Case(
        "publish_report",
        _report(ReportState.APPROVED),
        lambda c: (reverse("reports:report_publish", args=[c["report"].pk]), {}),
        _state_is(ReportState.PUBLISHED),
    ),
    "correct": Case(
        "correct_report",
        _report(ReportState.PUBLISHED),
        lambda c: (reverse("reports:report_correct", args=[c["report"].pk]), {"reason": "Fel"}),
        lambda c: Report.objects.filter(corrects=c["report"]).exists(),
    ),
    "manage_series": Case(
        "manage_series",
        _series,
        lambda c: (
            reverse("reports:series_create"),
            {"staff": c["staff"].pk, "title": "Ny serie", "slug": "ny-serie", "description": ""},
        ),
        lambda c: Series.objects.filter(slug="ny-serie").exists(),
    ),
    "make_series_public": Case(
        "make_series_public",
        _series,
        lambda c: (reverse("reports:series_public", args=[c["series"].slug]), {"is_public": "1"}),
        lambda c: Series.objects.get(pk=c["series"].pk).is_public,
    ),
}


@pytest.mark.parametrize("action", list(CASES))
@pytest.mark.parametrize("role", ROLES)
def test_the_matrix_decides_who_may_do_what(client: Client, cast, role: str, action: str):
    case = CASES[action]
    actor = cast.get(role)
    ctx = case.arrange(cast, actor)
    if actor is not None:
        client.force_login(actor)
    url, data = case.request(ctx)

    response = client.post(url, data)

    allowed = actor is not None and actor.is_active and actor.role in MATRIX[case.matrix_action]
    if allowed:
        assert response.status_code in (200, 302), response.status_code
        assert case.happened(ctx), f"{role} may {action}, but nothing happened"
    else:
        if actor is None or not actor.is_active:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("accounts:login"))
        else:
            assert response.status_code == 403
        assert not case.happened(ctx), f"{role} may not {action}, but it happened"


@pytest.mark.parametrize("role", ROLES)
def test_only_those_who_read_drafts_see_the_editor(client: Client, cast, role: str):
    report = make_report_in_state(ReportState.DRAFT, by=cast["editor"])
    actor = cast.get(role)
    if actor is not None:
        client.force_login(actor)
    response = client.get(reverse("reports:report_edit", args=[report.pk]))
    if actor is None or not actor.is_active:
        assert response.status_code == 302
    elif actor.role in MATRIX["read_drafts"]:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
