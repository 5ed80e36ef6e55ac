"""The clock at work: records-due, escalation to the staff lead, statistics, retention."""

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from lagesbild.accounts.models import AuditEntry
from lagesbild.records import services
from lagesbild.records.models import Outcome, RecordsRequest
from lagesbild.records.statistics import weekly
from lagesbild.staff.models import StaffMember, StaffRole
from lagesbild.testing import make_records_request, make_staff, make_user

SE = ZoneInfo("Europe/Stockholm")


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=SE)


@pytest.mark.django_db
def test_records_due_lists_oldest_first_and_exits_non_zero_when_overdue(
    capsys: Any, settings: Any
) -> None:
    settings.RECORDS_NUMBER_FORMAT = "VIS {year}-{seq:04d}"
    staff = make_staff()
    now = timezone.now()
    make_records_request(staff, received_at=now - timedelta(minutes=5))
    make_records_request(staff, received_at=now - timedelta(days=9))
    with pytest.raises(SystemExit) as exit_info:
        call_command("records_due")
    assert exit_info.value.code == 1
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines[0].split() == ["diarienummer", "arbetstimmar", "senast", "läge"]
    numbers = [line.split()[1] for line in lines[1:]]  # "VIS 2026-0002" splits in two
    assert len(numbers) == 2 and "FÖRSENAD" in lines[1] and "FÖRSENAD" not in lines[2]
    assert "1 försenade." in out.err


@pytest.mark.django_db
def test_records_due_exits_zero_when_nothing_is_overdue(capsys: Any) -> None:
    make_records_request(make_staff(), received_at=timezone.now())
    call_command("records_due")
    assert "FÖRSENAD" not in capsys.readouterr().out


@pytest.mark.django_db
def test_an_overdue_request_is_escalated_to_the_staff_lead_once(
    smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    staff = make_staff()
    lead = make_user("chefen", email="stabschef@region.example")
    StaffMember.objects.create(staff=staff, user=lead, name="Stabschef", staff_role=StaffRole.LEAD)
    late = make_records_request(staff, received_at=at(2025, 2, 24, 9, 0))  # Monday
    make_records_request(staff, received_at=at(2025, 2, 25, 9, 0))  # Tuesday, due 16.30
    with django_capture_on_commit_callbacks(execute=True):
        escalated = services.requests_escalate(now=at(2025, 2, 25, 10, 0))
    assert [r.pk for r in escalated] == [late.pk]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requests_escalate(now=at(2025, 2, 25, 11, 0)) == []
    messages = smtp_server.handler.to("stabschef@region.example")
    assert len(messages) == 1
    assert late.number in str(messages[0].parsed()["Subject"])
    late.refresh_from_db()
    assert late.escalated_at == at(2025, 2, 25, 10, 0) and late.escalation_sent_at
    assert AuditEntry.objects.filter(action="records.request_escalate").count() == 1


@pytest.mark.django_db
def test_the_escalation_task_sends_nothing_the_second_time(smtp_server: Any, cast: dict) -> None:
    from lagesbild.records.tasks import escalation_send

    request = make_records_request(make_staff(), received_at=at(2025, 2, 24, 9, 0))
    assert escalation_send.call(request.pk) == 1  # the cast's staff_lead, by global role
    assert escalation_send.call(request.pk) == 0
    assert len(smtp_server.handler.messages) == 1


@pytest.mark.django_db
def test_statistics_give_median_longest_and_share_decided_same_day(cast: dict) -> None:
    staff = make_staff()
    # Week 9 of 2025: decided after 1 h, 3 h, and one the next day (8.5 + 1 = 9.5 h).
    for received, decided in (
        (at(2025, 2, 24, 9, 0), at(2025, 2, 24, 10, 0)),
        (at(2025, 2, 25, 8, 0), at(2025, 2, 25, 11, 0)),
        (at(2025, 2, 26, 8, 0), at(2025, 2, 27, 9, 0)),
    ):
        request = make_records_request(staff, received_at=received)
        services.request_decide(
            request=request, outcome=Outcome.RELEASED, by=cast["editor"], at=decided
        )
    make_records_request(staff, received_at=at(2025, 3, 3, 9, 0))  # week 10, open
    week10, week9 = weekly(RecordsRequest.objects.all())
    assert (week10.label, week10.received, week10.decided, week10.median_hours) == (
        "2025 v. 10",
        1,
        0,
        None,
    )
    assert (week9.received, week9.decided) == (3, 3)
    assert (week9.median_hours, week9.longest_hours) == (3.0, 9.5)
    assert week9.same_day_share == pytest.approx(2 / 3)


@pytest.mark.django_db
def test_requester_details_are_removed_after_the_retention_period(
    cast: dict, settings: Any, capsys: Any
) -> None:
    settings.RECORDS_RETENTION_DAYS = 90
    staff = make_staff()
    old = make_records_request(
        staff, requester_name="Karin Journalist", requester_contact="karin@tidning.example"
    )
    recent = make_records_request(staff, requester_name="Per Medborgare")
    open_one = make_records_request(staff, requester_name="Lisa Öppen")
    services.request_decide(
        request=old,
        outcome=Outcome.RELEASED,
        by=cast["editor"],
        at=timezone.now() - timedelta(days=91),
    )
    services.request_decide(request=recent, outcome=Outcome.RELEASED, by=cast["editor"])
    call_command("records_purge")
    assert "från 1 begäranden" in capsys.readouterr().out
    old.refresh_from_db()
    recent.refresh_from_db()
    open_one.refresh_from_db()
    assert (old.requester_name, old.requester_contact) == ("", "")
    assert old.requester_purged_at is not None
    assert recent.requester_name == "Per Medborgare" and open_one.requester_name == "Lisa Öppen"
    entry = AuditEntry.objects.get(action="records.requester_purge")
    assert entry.object_id == str(old.pk) and "Karin" not in str(entry.details)
    call_command("records_purge")
    assert AuditEntry.objects.filter(action="records.requester_purge").count() == 1


@pytest.mark.django_db
def test_registering_queues_a_check_at_the_deadline_that_escalates_if_still_open(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks import default_task_backend

    from lagesbild.records.tasks import escalation_check

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    staff = make_staff()
    with django_capture_on_commit_callbacks(execute=True):
        request = make_records_request(staff, received_at=at(2025, 2, 25, 9, 0))
    queued = [r for r in default_task_backend.results if r.task.name == "escalation_check"]  # type: ignore[attr-defined]
    assert [(r.args, r.task.run_after) for r in queued] == [([request.pk], at(2025, 2, 25, 16, 30))]
    with django_capture_on_commit_callbacks(execute=True):
        assert escalation_check.call(request.pk) is True
    assert escalation_check.call(request.pk) is False  # once
    decided = make_records_request(staff, received_at=at(2025, 2, 25, 9, 0))
    services.request_decide(request=decided, outcome=Outcome.RELEASED, by=None)  # type: ignore[arg-type]
    assert escalation_check.call(decided.pk) is False
    sent = [r for r in default_task_backend.results if r.task.name == "escalation_send"]  # type: ignore[attr-defined]
    assert [r.args for r in sent] == [[request.pk]]
