"""A member added for an event gets access on the first day and loses it the day after the last."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lagesbild.accounts.models import AuditEntry, User
from lagesbild.accounts.permissions import EDITOR, LEAD, may, roles_in
from lagesbild.reports.models import ReportState
from lagesbild.reports.tests.helpers import make_report_in_state
from lagesbild.staff.models import StaffMember
from lagesbild.testing import make_member, make_series, make_staff, make_user

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_member_added_for_an_event_has_access_only_between_its_dates(cast: dict) -> None:
    series = make_series()
    report = make_report_in_state(ReportState.DRAFT, by=cast["editor"], series=series)
    omar = make_user("omar", first_name="Omar", last_name="Haddad")
    start = timezone.localdate() + timedelta(days=1)
    end = start + timedelta(days=6)
    response = client_for(cast["staff_lead"]).post(
        reverse("staff:member_create", args=[series.staff.slug]),
        {
            "name": "Omar Haddad",
            "staff_role": "added",
            "access_role": "editor",
            "user": omar.pk,
            "event": "Driftstörning i journalsystemet",
            "valid_from": start.isoformat(),
            "valid_to": end.isoformat(),
        },
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="staff.member_add").exists()
    editor_page = reverse("reports:report_edit", args=[report.pk])
    omar_client = client_for(omar)

    assert omar_client.get(editor_page).status_code == 403  # not yet
    with time_machine.travel(start, tick=False):
        assert omar_client.get(editor_page).status_code == 200
        assert may(omar, "write_any_section", series.staff)
    with time_machine.travel(end, tick=False):
        assert omar_client.get(editor_page).status_code == 200  # the last day counts
    with time_machine.travel(end + timedelta(days=1), tick=False):
        assert omar_client.get(editor_page).status_code == 403
        assert roles_in(omar, series.staff) == frozenset()
        assert not may(omar, "read_drafts")
    # Nobody had to remove him: the row is still there, for the record.
    assert StaffMember.objects.filter(user=omar).count() == 1


def test_the_staff_page_shows_who_has_which_rights_until_when(cast: dict) -> None:
    staff = make_staff()
    today = timezone.localdate()
    make_member(
        staff,
        make_user("pia"),
        name="Pia Ek",
        staff_role="added",
        access_role="analyst",
        event="Pressträff",
        valid_from=today,
        valid_to=today + timedelta(days=2),
    )
    StaffMember.objects.create(staff=staff, name="Per Nordin", staff_role="decision_maker")
    html = (
        client_for(cast["editor"])
        .get(reverse("staff:staff_detail", args=[staff.slug]))
        .content.decode()
    )
    row = html[html.index("Pia Ek") :]
    row = row[: row.index("</tr>")]
    assert "Analytiker" in row and f"till och med {today + timedelta(days=2)}" in row
    row = html[html.index("Per Nordin") :]
    assert "Inget konto" in row[: row.index("</tr>")]


def test_roles_combine_the_place_in_the_staff_and_the_product_role(cast: dict) -> None:
    staff = make_staff()
    assert roles_in(cast["staff_lead"], staff) == {LEAD, EDITOR}
    assert roles_in(cast["decider"], staff) == {"decision_maker", "reader"}
    assert may(cast["decider"], "record_decision", staff)
    assert not may(cast["editor"], "record_decision", staff)
    assert roles_in(cast["ended_member"], staff) == frozenset()
    assert roles_in(cast["outsider"], staff) == frozenset()  # inactive account
