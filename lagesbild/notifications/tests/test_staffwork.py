"""The staff's own work by e-mail (a real SMTP server): a task laid on someone, reminders
before a task or an agreement's obligation falls due."""

from datetime import date, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lagesbild.decisions.models import Obligation
from lagesbild.decisions.tests.helpers import make_agreement
from lagesbild.journal.models import Task
from lagesbild.journal.services.tasks import task_save
from lagesbild.journal.tests.helpers import client_for, make_task
from lagesbild.lib.dates import working_days_ahead
from lagesbild.notifications.models import Kind, MailState, Notification
from lagesbild.notifications.reminders import reminders_send
from lagesbild.notifications.services import preferences_save
from lagesbild.testing import make_other_staff, make_staff


def _mail_to(smtp_server: Any, address: str) -> list[EmailMessage]:
    return [m.parsed() for m in smtp_server.handler.to(address)]


def _text(mail: EmailMessage) -> str:
    return mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]


@pytest.mark.django_db(transaction=True)
def test_a_task_created_with_an_owner_mails_the_owner(cast: Any, smtp_server: Any) -> None:
    staff = make_staff()
    response = client_for(cast["staff_lead"]).post(
        reverse("journal:task_create", args=[staff.slug]),
        {
            "title": "Genomgång av integrationerna med kommunerna",
            "horizon": "short",
            "owner": cast["contributor"].pk,
            "due_date": "2026-12-10",
            "priority": "1",
            "status": "open",
        },
    )
    assert response.status_code == 302
    [mail] = _mail_to(smtp_server, "contributor@example.se")
    assert mail["Subject"] == "Du är ansvarig för ”Genomgång av integrationerna med kommunerna”"
    text = _text(mail)
    task = Task.objects.get()
    assert f"https://lagesbild.region.example{task.get_absolute_url()}" in text
    assert "Klart senast: 2026-12-10" in text
    note = Notification.objects.get(user=cast["contributor"])
    assert (note.kind, note.mail_state) == (Kind.TASK_ASSIGNED, MailState.SENT)
    assert not _mail_to(smtp_server, "staff_lead@example.se")


@pytest.mark.django_db
def test_a_new_owner_is_told_and_nobody_is_told_of_taking_a_task_themselves(
    cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    staff = make_staff()
    with django_capture_on_commit_callbacks(execute=True):
        task = task_save(
            task=Task(staff=staff, title="Rutin för remissvar", owner=cast["editor"]),
            by=cast["editor"],
        )
    assert not _mail_to(smtp_server, "editor@example.se"), "self-assignment: no mail"
    assert not Notification.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        task.owner = cast["analyst"]
        task_save(task=task, by=cast["editor"], changed=["owner"])
        task.title = "Rutin för remissvar (reviderad)"
        task_save(task=task, by=cast["editor"], changed=["title"])  # not a new owner
    [mail] = _mail_to(smtp_server, "analyst@example.se")
    assert "Rutin för remissvar" in mail["Subject"]
    assert f"Av: {cast['editor'].display_name()}" in _text(mail)
    with django_capture_on_commit_callbacks(execute=True):
        task.owner = cast["editor"]
        task_save(task=task, by=cast["editor"], changed=["owner"])
        task.owner = cast["analyst"]
        task_save(task=task, by=cast["editor"], changed=["owner"])
    assert len(_mail_to(smtp_server, "analyst@example.se")) == 2, "given back: told again"


@pytest.mark.django_db
def test_the_owners_choice_of_channels_is_kept(cast: Any, smtp_server: Any, client: Any) -> None:
    preferences_save(user=cast["contributor"], choices={Kind.TASK_ASSIGNED: (False, True)})
    staff = make_staff()
    task_save(
        task=Task(staff=staff, title="Svara SR Väst", owner=cast["contributor"]),
        by=cast["staff_lead"],
    )
    assert not _mail_to(smtp_server, "contributor@example.se")
    client.force_login(cast["contributor"])
    assert "Du är ansvarig för ”Svara SR Väst”" in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_task_owner_is_reminded_once_and_again_after_the_due_date_moves(
    cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    staff = make_staff()
    today = timezone.localdate()
    task = make_task(staff, owner=cast["editor"], due_date=today, title="Regional rapport nr 6")
    make_task(staff, owner=cast["editor"], due_date=today + timedelta(days=30), title="Senare")
    make_task(staff, due_date=today, title="Utan ägare")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_deadlines")
        call_command("notify_deadlines")  # cron runs it again: nothing new
    [mail] = _mail_to(smtp_server, "editor@example.se")
    assert mail["Subject"] == f"”Regional rapport nr 6” ska vara klar senast {today:%Y-%m-%d}"
    task.refresh_from_db()
    assert task.reminded_for == today
    task.due_date = today + timedelta(days=1)
    task_save(task=task, by=cast["staff_lead"], changed=["due_date"])
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send()["tasks"] == 1
        assert reminders_send()["tasks"] == 0
    subjects = [m["Subject"] for m in _mail_to(smtp_server, "editor@example.se")]
    assert len(subjects) == 2 and f"{today + timedelta(days=1):%Y-%m-%d}" in subjects[1]


def test_the_reminder_counts_working_days_over_swedish_holidays() -> None:
    assert working_days_ahead(date(2026, 12, 3), 2) == date(2026, 12, 7)  # Thursday → Monday
    # Julafton, juldagen and annandag jul are not working days.
    assert working_days_ahead(date(2026, 12, 23), 1) == date(2026, 12, 28)


@pytest.mark.django_db
def test_those_who_follow_an_agreement_are_reminded_of_an_obligation_once_per_due_date(
    cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    staff = make_staff()
    today = timezone.localdate()
    pause = make_agreement(staff, title="Pausöverenskommelse med leverantören")
    obligation = Obligation.objects.create(
        agreement=pause,
        party="Leverantören",
        description="Redovisa rättningsplan för läkemedelsmodulen.",
        owner="Leverantörens projektchef",
        due_date=today + timedelta(days=1),
    )
    Obligation.objects.create(
        agreement=pause,
        party="Regionen",
        description="Klar sedan länge.",
        owner="Programchef",
        due_date=today,
        status="done",
    )
    other = make_agreement(make_other_staff(), title="Annan stabs avtal")
    Obligation.objects.create(
        agreement=other, party="X", description="Y", owner="Z", due_date=today + timedelta(days=30)
    )
    with django_capture_on_commit_callbacks(execute=True):
        counts = reminders_send()
        assert reminders_send()["obligations"] == 0
    assert counts["obligations"] == 2  # the staff lead and the decision maker
    for address in ("staff_lead@example.se", "decider@example.se"):
        [mail] = _mail_to(smtp_server, address)
        assert "Pausöverenskommelse med leverantören" in mail["Subject"]
        text = _text(mail)
        assert "Redovisa rättningsplan för läkemedelsmodulen." in text
        assert "Leverantörens projektchef" in text
    for address in ("editor@example.se", "reader@example.se", "other_member@example.se"):
        assert not _mail_to(smtp_server, address)
    assert not Notification.objects.filter(user__role="admin").exists()
    obligation.due_date = today + timedelta(days=2)
    obligation.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send()["obligations"] == 2, "a new due date is reminded again"
