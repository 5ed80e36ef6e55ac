"""CLI verbs acting for a person (--as) ask the matrix in the object's staff, like the web."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lagesbild.accounts.models import AuditEntry, User
from lagesbild.reports.models import ReportState
from lagesbild.reports.tests.helpers import make_report_in_state, make_series_with_template
from lagesbild.testing import make_other_staff, make_staff

pytestmark = pytest.mark.django_db


def test_publish_as_a_person_needs_the_rights_in_the_reports_staff(cast: dict[str, User]) -> None:
    series = make_series_with_template(staff=make_staff())
    make_other_staff()
    report = make_report_in_state(ReportState.REVIEW, by=cast["editor"], series=series)
    for refused in ("other_member", "ended_member", "editor", "nobody"):
        # The editor may publish but not approve, which publishing a report in review needs.
        with pytest.raises(CommandError):
            call_command("publish", str(report.pk), "--as", refused, stdout=StringIO())
        report.refresh_from_db()
        assert report.state == ReportState.REVIEW, refused

    call_command("publish", str(report.pk), "--as", "staff_lead", stdout=StringIO())

    report.refresh_from_db()
    assert report.state == ReportState.PUBLISHED
    assert AuditEntry.objects.get(action="report.publish").actor == cast["staff_lead"]


def test_without_as_a_verb_acts_for_the_operator_as_before(cast: dict[str, User]) -> None:
    report = make_report_in_state(ReportState.APPROVED, by=cast["editor"])
    call_command("publish", str(report.pk), stdout=StringIO())
    entry = AuditEntry.objects.get(action="report.publish")
    assert entry.actor is None and "kommandoraden" in entry.actor_label


def test_export_as_a_member_of_another_staff_is_refused(
    cast: dict[str, User], tmp_path: Path
) -> None:
    report = make_report_in_state(ReportState.DRAFT, by=cast["editor"])
    make_other_staff()
    out = tmp_path / "r.md"
    with pytest.raises(CommandError):
        call_command("export_report", str(report.pk), "--as", "other_member", "-o", str(out))
    assert not out.exists()
    call_command("export_report", str(report.pk), "--as", "contributor", "-o", str(out))
    assert out.read_text(encoding="utf-8").startswith("#")
