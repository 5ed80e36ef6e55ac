"""Notifications about the report cycle arrive by e-mail (a real SMTP server) and on the start page."""

from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from lagesbild.notifications.models import Kind, MailState, Notification
from lagesbild.notifications.services import preferences_save
from lagesbild.notifications.tasks import notification_mail
from lagesbild.reports import services
from lagesbild.reports.models import ReportState, SectionStatus
from lagesbild.reports.services.notifying import report_deadline_reminders
from lagesbild.reports.tests.helpers import first_text_section, make_series_with_template


@pytest.fixture
def report(cast: Any) -> Any:
    series = make_series_with_template(title="Regional rapport VIS")
    return services.report_create_next(series=series, by=cast["editor"])


def _mail_to(smtp_server: Any, address: str) -> list[EmailMessage]:
    return [m.parsed() for m in smtp_server.handler.to(address)]


def test_a_contributor_is_mailed_when_a_section_is_assigned(
    cast: Any, report: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    section = first_text_section(report)
    with django_capture_on_commit_callbacks(execute=True):
        services.section_assign(section=section, by=cast["editor"], assignee=cast["contributor"])
    [mail] = _mail_to(smtp_server, "contributor@example.se")
    assert "Sammanfattande lägesbild" in mail["Subject"] and "nr 1" in mail["Subject"]
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    # The link is absolute, from LAGESBILD_SITE_URL.
    assert f"https://lagesbild.region.example/rapporter/{report.pk}/redigera/" in text
    assert Notification.objects.get(user=cast["contributor"]).mail_state == MailState.SENT


def test_sending_a_section_back_tells_the_writer_with_the_note(
    cast: Any, report: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    section = first_text_section(report)
    with django_capture_on_commit_callbacks(execute=True):
        services.section_assign(section=section, by=cast["editor"], assignee=cast["contributor"])
        services.section_set_status(
            section=section, by=cast["contributor"], status=SectionStatus.WRITTEN
        )
        services.section_set_status(
            section=section,
            by=cast["editor"],
            status=SectionStatus.TO_WRITE,
            note="Lägg till siffran för remisskön.",
        )
    mails = _mail_to(smtp_server, "contributor@example.se")
    assert len(mails) == 2
    back = mails[1].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Lägg till siffran för remisskön." in back


def test_the_staff_lead_learns_that_a_report_awaits_approval_and_the_editor_that_it_is_approved(
    cast: Any, report: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit_for_review(report=report, by=cast["editor"])
    [waiting] = _mail_to(smtp_server, "staff_lead@example.se")
    assert "väntar på ditt godkännande" in waiting["Subject"]
    assert not _mail_to(smtp_server, "editor@example.se"), "nobody is told of their own step"
    with django_capture_on_commit_callbacks(execute=True):
        services.report_approve(report=report, by=cast["staff_lead"])
    [approved] = _mail_to(smtp_server, "editor@example.se")
    assert "godkänd och kan publiceras" in approved["Subject"]


def test_a_report_sent_back_tells_the_editors_and_writers_with_the_note(
    cast: Any, report: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    services.section_assign(
        section=first_text_section(report), by=cast["editor"], assignee=cast["contributor"]
    )
    services.report_submit_for_review(report=report, by=cast["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        services.report_send_back(report=report, by=cast["staff_lead"], note="Saknar remisskön.")
    for address in ("editor@example.se", "contributor@example.se"):
        [mail] = [m for m in _mail_to(smtp_server, address) if "Tillbaka" in m["Subject"]]
        assert "Saknar remisskön." in mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_deadline_reminders_name_the_missing_sections_once(
    cast: Any, report: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    section = first_text_section(report)
    services.section_assign(section=section, by=cast["editor"], assignee=cast["contributor"])
    report.deadline = timezone.now() + timedelta(hours=3)
    report.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_deadlines", "--hours", "4")
        call_command("notify_deadlines", "--hours", "4")  # cron runs it again: nothing new
    reminders = [
        m for m in _mail_to(smtp_server, "contributor@example.se") if "Deadline" in m["Subject"]
    ]
    assert len(reminders) == 1
    assert "Sammanfattande lägesbild" in reminders[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert _mail_to(smtp_server, "editor@example.se"), "editors are reminded too"


def test_no_reminder_when_every_section_is_written_or_the_deadline_is_far(
    cast: Any, report: Any
) -> None:
    report.deadline = timezone.now() + timedelta(hours=10)
    report.save()
    assert report_deadline_reminders(hours=4) == 0
    report.deadline = timezone.now() + timedelta(hours=1)
    report.save()
    report.sections.update(status=SectionStatus.WRITTEN)
    assert report_deadline_reminders(hours=4) == 0


def test_a_person_who_turned_mail_off_gets_it_only_on_the_start_page(
    client: Any, cast: Any, report: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    preferences_save(user=cast["contributor"], choices={Kind.ASSIGNED: (False, True)})
    with django_capture_on_commit_callbacks(execute=True):
        services.section_assign(
            section=first_text_section(report), by=cast["editor"], assignee=cast["contributor"]
        )
    assert not _mail_to(smtp_server, "contributor@example.se")
    client.force_login(cast["contributor"])
    page = client.get("/rapporter/").content.decode()
    assert "Du skriver ”Sammanfattande lägesbild”" in page
    assert "Skriv Sammanfattande lägesbild" in page, "the start page leads straight to writing"


def test_both_channels_off_means_nothing_at_all(cast: Any, report: Any) -> None:
    preferences_save(user=cast["contributor"], choices={Kind.ASSIGNED: (False, False)})
    services.section_assign(
        section=first_text_section(report), by=cast["editor"], assignee=cast["contributor"]
    )
    assert not Notification.objects.filter(user=cast["contributor"]).exists()


def test_the_preferences_page_saves_each_persons_choice(client: Any, cast: Any) -> None:
    client.force_login(cast["staff_lead"])
    response = client.post(
        "/notiser/installningar/",
        {f"{k}_{c}": "on" for k in Kind.values for c in ("email", "page") if k != "submitted"}
        | {"submitted_page": "on"},
    )
    assert response.status_code == 302
    page = client.get("/notiser/installningar/").content.decode()
    assert 'name="submitted_email" id="id_submitted_email">' in page  # unchecked
    assert 'name="approved_email" id="id_approved_email" checked>' in page


def test_the_mail_task_is_idempotent(
    cast: Any, report: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.section_assign(
            section=first_text_section(report), by=cast["editor"], assignee=cast["contributor"]
        )
    note = Notification.objects.get(user=cast["contributor"])
    assert notification_mail.call(note.pk) == "skipped"
    assert len(_mail_to(smtp_server, "contributor@example.se")) == 1


def test_nobody_sees_or_marks_anyone_elses_notifications(
    client: Any, cast: Any, report: Any
) -> None:
    services.section_assign(
        section=first_text_section(report), by=cast["editor"], assignee=cast["contributor"]
    )
    note = Notification.objects.get(user=cast["contributor"])
    client.force_login(cast["reader"])
    assert "Sammanfattande" not in client.get("/notiser/").content.decode()
    client.post("/notiser/lasta/", {"id": note.pk})
    note.refresh_from_db()
    assert note.read_at is None
    client.force_login(cast["contributor"])
    client.post("/notiser/lasta/", {"id": note.pk})
    note.refresh_from_db()
    assert note.read_at is not None


def test_a_new_report_tells_the_writers_their_sections(
    cast: Any, report: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    services.section_assign(
        section=first_text_section(report), by=cast["editor"], assignee=cast["contributor"]
    )
    for step in (
        services.report_submit_for_review,
        services.report_approve,
        services.report_publish,
    ):
        step(report=report, by=cast["staff_lead"])
    with django_capture_on_commit_callbacks(execute=True):
        second = services.report_create_next(series=report.series, by=cast["editor"])
    assert second.state == ReportState.DRAFT
    assert any("nr 2" in m["Subject"] for m in _mail_to(smtp_server, "contributor@example.se"))


def test_administrators_are_not_told_about_the_staffs_work(cast: Any, report: Any) -> None:
    services.report_submit_for_review(report=report, by=cast["editor"])
    told = set(Notification.objects.values_list("user__username", flat=True))
    assert "staff_lead" in told and "admin" not in told
