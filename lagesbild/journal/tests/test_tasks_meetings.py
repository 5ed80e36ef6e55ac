from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lagesbild.decisions.models import Decision
from lagesbild.journal.models import Category, JournalEntry, Meeting, Task, TaskStatus
from lagesbild.journal.services.meetings import agenda_build, minutes_close
from lagesbild.journal.services.tasks import tasks_needing_reminder
from lagesbild.journal.tests.helpers import client_for, make_entry, make_task
from lagesbild.testing import make_staff


@pytest.mark.django_db
def test_a_task_is_given_to_a_member_with_a_horizon_and_a_due_date(cast: dict) -> None:
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
    assert response.status_code == 302, response.content.decode()[:3000]
    task = Task.objects.get()
    assert (task.owner, task.created_by, task.horizon) == (
        cast["contributor"],
        cast["staff_lead"],
        "short",
    )
    listing = client_for(cast["contributor"]).get(
        reverse("journal:tasks", args=[staff.slug]), {"visa": "mine"}
    )
    assert "Genomgång av integrationerna" in listing.content.decode()


@pytest.mark.django_db
def test_dropping_a_task_needs_a_reason(cast: dict) -> None:
    staff = make_staff()
    task = make_task(staff)
    client = client_for(cast["staff_lead"])
    data = {"title": task.title, "horizon": "long", "priority": "2", "status": "dropped"}
    response = client.post(reverse("journal:task_edit", args=[task.pk]), data)
    assert "Skriv varför frågan avförs." in response.content.decode()
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN


@pytest.mark.django_db
def test_the_owner_updates_progress_others_without_the_right_cannot(cast: dict) -> None:
    staff = make_staff()
    task = make_task(staff, owner=cast["contributor"])
    url = reverse("journal:task", args=[task.pk])
    response = client_for(cast["contributor"]).post(
        url, {"status": "in_progress", "text": "Rutinen är utskickad till tre sjukhus."}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS
    assert [n.text for n in task.notes.all()] == [
        "Rutinen är utskickad till tre sjukhus.",
        "Status: Pågår",
    ]
    other = make_task(staff, owner=cast["editor"], title="Annans fråga")
    other_url = reverse("journal:task", args=[other.pk])
    client = client_for(cast["contributor"])
    assert client.post(other_url, {"status": "done", "text": ""}).status_code == 403
    other.refresh_from_db()
    assert other.status == TaskStatus.OPEN


@pytest.mark.django_db
def test_reminders_pick_open_tasks_due_soon_once_per_due_date(cast: dict) -> None:
    staff = make_staff()
    today = timezone.localdate()
    soon = make_task(staff, owner=cast["editor"], due_date=today + timedelta(days=1))
    make_task(staff, owner=cast["editor"], due_date=today + timedelta(days=20), title="Senare")
    make_task(staff, owner=cast["editor"], due_date=today, status=TaskStatus.DONE, title="Klar")
    make_task(staff, due_date=today, title="Utan ägare")
    assert tasks_needing_reminder(today=today) == [soon]
    soon.reminded_for = soon.due_date
    soon.save()
    assert tasks_needing_reminder(today=today) == []


@pytest.mark.django_db
def test_the_agenda_holds_what_is_new_since_the_last_meeting(cast: dict) -> None:
    staff = make_staff()
    now = timezone.now()
    Meeting.objects.create(staff=staff, title="Förra", held_at=now - timedelta(days=2))
    make_entry(
        staff,
        cast["editor"],
        text="Gammal nyckel",
        key_event=True,
        event_at=now - timedelta(days=3),
    )
    make_entry(
        staff, cast["editor"], text="Ny nyckel", key_event=True, event_at=now - timedelta(days=1)
    )
    make_entry(staff, cast["editor"], text="Vanlig", event_at=now - timedelta(days=1))
    make_task(staff, title="Förfaller snart", due_date=timezone.localdate() + timedelta(days=3))
    make_task(staff, title="Väntar", status=TaskStatus.WAITING, due_date=None)
    Decision.objects.create(
        staff=staff,
        title="Nytt beslut",
        decision_text="x",
        reasons="y",
        decided_on=timezone.localdate(),
        decided_by_body="RS",
    )
    meeting = Meeting.objects.create(
        staff=staff, title="Stabsmöte", held_at=now + timedelta(hours=1)
    )
    agenda = {s.title: [i.text for i in s.items] for s in agenda_build(meeting=meeting).sections}
    assert [t.split(": ", 1)[1] for t in agenda["Nyckelhändelser i journalen"]] == ["Ny nyckel"]
    assert agenda["Frågor som förfaller inom en vecka"][0].startswith("Förfaller snart")
    assert agenda["Frågor som väntar på beslut"][0].startswith("Väntar")
    assert agenda["Nya beslut"] == ["Nytt beslut"]


@pytest.mark.django_db
def test_fixed_minutes_land_in_the_journal_and_can_no_longer_change(cast: dict) -> None:
    staff = make_staff()
    meeting = Meeting.objects.create(staff=staff, title="Stabsmöte", held_at=timezone.now())
    client = client_for(cast["staff_lead"])
    close = reverse("journal:meeting_close", args=[meeting.pk])
    client.post(close)
    assert not JournalEntry.objects.exists()  # empty minutes are refused
    detail = reverse("journal:meeting", args=[meeting.pk])
    response = client.post(
        detail,
        {
            "title": "Stabsmöte",
            "held_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "minutes": "1. Lägesbild.\n2. Beslutsunderlaget.",
        },
    )
    assert response.status_code == 302
    client.post(close)
    entry = JournalEntry.objects.get()
    assert (entry.category, entry.key_event) == (Category.MEETING, True)
    assert "Beslutsunderlaget" in entry.text
    meeting.refresh_from_db()
    assert meeting.journal_entry == entry and meeting.closed_at is not None
    client.post(detail, {"title": "Ändrad", "held_at": "2026-12-01T08:00", "minutes": "Ny"})
    meeting.refresh_from_db()
    assert meeting.title == "Stabsmöte"
    with pytest.raises(ValidationError):
        minutes_close(meeting=meeting, by=cast["staff_lead"])
    assert client_for(cast["contributor"]).post(close).status_code == 403


@pytest.mark.django_db
def test_the_agenda_lists_open_records_requests_oldest_first(cast: dict) -> None:
    from lagesbild.testing import make_records_request

    staff = make_staff()
    make_records_request(staff, description="E-post om konsultkostnader")
    meeting = Meeting.objects.create(staff=staff, title="Stabsmöte", held_at=timezone.now())
    sections = {s.title: s.items for s in agenda_build(meeting=meeting).sections}
    items = sections["Öppna begäranden om allmän handling"]
    assert len(items) == 1 and "E-post om konsultkostnader" in items[0].text
