"""The verbs: publish (approve, publish, send), deliveries, worker --burst."""

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from lagesbild.accounts.models import AuditEntry
from lagesbild.distribution.models import Dispatch
from lagesbild.distribution.tests.helpers import make_distributed_series, make_list
from lagesbild.reports.models import ReportState, ReportTransition
from lagesbild.testing import make_report, make_staff


def test_publish_approves_publishes_and_sends_as_a_recorded_command_line_action(
    cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    staff = make_staff()
    usual = make_list(staff, "Chefer", recipients=[("A", "a@region.example")])
    make_list(staff, "Politisk ledning", recipients=[("P", "p@region.example")])
    report = make_report(make_distributed_series([usual]), state=ReportState.REVIEW)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish", str(report.pk), "--list", "Politisk ledning", stdout=out)

    report.refresh_from_db()
    assert report.state == ReportState.PUBLISHED
    labels = set(ReportTransition.objects.filter(report=report).values_list("by_label", flat=True))
    assert labels == {"kommandoraden (lagesbild publish)"}
    assert AuditEntry.objects.filter(action="report.publish", actor__isnull=True).exists()
    # Notifications to the staff (report approved) travel the same way; count the report only.
    report_mail = {
        r
        for m in smtp_server.handler.messages
        if "Auto-Submitted" not in m.parsed()
        for r in m.rcpt_tos
    }
    assert report_mail == {"a@region.example", "p@region.example"}

    out = io.StringIO()
    call_command("deliveries", str(report.pk), stdout=out)
    assert out.getvalue().splitlines() == ["queued: 0", "sent: 2", "failed: 0", "uncertain: 0"]


def test_publish_refuses_an_unknown_list(cast: Any) -> None:
    report = make_report(make_distributed_series([make_list(make_staff())]))
    with pytest.raises(CommandError, match="Sändlistan ”Ingen” finns inte"):
        call_command("publish", str(report.pk), "--list", "Ingen")
    assert not Dispatch.objects.exists()


# The worker closes connections between rounds, so it needs committed data, not a test
# transaction.
def test_a_burst_worker_sends_what_the_database_queue_holds_and_exits(
    transactional_db: None,
    smtp_server: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: Any,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setenv("LAGESBILD_SMTP_URL", smtp_server.url)
    report = make_report(
        make_distributed_series([make_list(make_staff(), recipients=3)]), state=ReportState.APPROVED
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish", str(report.pk), stdout=io.StringIO())
    assert smtp_server.handler.messages == []  # queued, not sent by the publisher

    out = io.StringIO()
    call_command("worker", "--burst", "--interval", "0.1", stdout=out)

    assert "avslutar" in out.getvalue()
    assert sum(smtp_server.handler.per_address().values()) == 3
