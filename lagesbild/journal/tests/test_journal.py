from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lagesbild.accounts.models import AuditEntry
from lagesbild.decisions.models import Decision
from lagesbild.decisions.services.decisions import decision_record
from lagesbild.journal.models import Category, JournalEntry
from lagesbild.journal.services.journal import entries_citing, entry_add, entry_correct
from lagesbild.journal.tests.helpers import client_for, make_entry
from lagesbild.staff.models import StaffMember, StaffRole
from lagesbild.testing import make_staff


@pytest.mark.django_db
def test_an_entry_keeps_the_event_time_apart_from_when_it_was_written(cast: dict) -> None:
    staff = make_staff()
    StaffMember.objects.create(
        staff=staff, user=cast["editor"], name="Karin Berg", staff_role=StaffRole.CORE
    )
    call = timezone.now() - timedelta(hours=1, minutes=20)
    response = client_for(cast["editor"]).post(
        reverse("journal:journal", args=[staff.slug]),
        {
            "event_at": timezone.localtime(call).strftime("%Y-%m-%dT%H:%M"),
            "category": Category.INFO_IN,
            "text": "Samtal från SR Väst om pausöverenskommelsen.",
            "key_event": "on",
        },
    )
    assert response.status_code == 302
    entry = JournalEntry.objects.get()
    assert entry.code == "J1"
    assert abs((entry.event_at - call).total_seconds()) < 60
    assert entry.entered_at - entry.event_at > timedelta(hours=1)
    assert (entry.author, entry.author_role, entry.key_event) == (cast["editor"], "Kärngrupp", True)
    assert make_entry(staff, cast["editor"]).number == 2
    assert make_entry(make_staff(), cast["editor"]).number == 1
    assert AuditEntry.objects.filter(action="journal_entry").count() == 3


@pytest.mark.django_db
def test_it_refuses_an_entry_in_the_future_or_without_text_and_saves_nothing(cast: dict) -> None:
    staff = make_staff()
    client = client_for(cast["editor"])
    url = reverse("journal:journal", args=[staff.slug])
    tomorrow = timezone.localtime() + timedelta(days=1)
    response = client.post(
        url,
        {"event_at": tomorrow.strftime("%Y-%m-%dT%H:%M"), "category": "info_in", "text": "Senare"},
    )
    assert "Händelsens tid kan inte ligga i framtiden." in response.content.decode()
    response = client.post(
        url,
        {
            "event_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "category": "info_in",
            "text": "  ",
        },
    )
    assert response.status_code == 200
    assert not JournalEntry.objects.exists()
    with pytest.raises(ValidationError):
        entry_add(
            staff=staff,
            by=cast["editor"],
            category="info_in",
            text="",
        )


@pytest.mark.django_db
def test_a_mistake_is_put_right_by_a_correction_and_the_original_stays(cast: dict) -> None:
    staff = make_staff()
    original = make_entry(staff, cast["editor"], text="TT ringde om konsultkostnaderna.")
    client = client_for(cast["editor"])
    response = client.post(
        reverse("journal:entry", args=[original.pk]),
        {"text": "Dagens Medicin (inte TT) ringde om konsultkostnaderna."},
    )
    correction = JournalEntry.objects.get(corrects=original)
    assert response.status_code == 302
    original.refresh_from_db()
    assert original.text == "TT ringde om konsultkostnaderna."
    assert (correction.number, correction.category) == (2, original.category)
    page = client.get(reverse("journal:entry", args=[original.pk])).content.decode()
    assert "Rättad genom J2" in page
    assert AuditEntry.objects.filter(action="journal_correction").count() == 1


@pytest.mark.django_db
def test_no_one_edits_or_deletes_an_entry_not_even_by_a_crafted_request_or_the_admin(
    cast: dict,
) -> None:
    staff = make_staff()
    entry = make_entry(staff, cast["editor"], text="Originaltext")
    client = client_for(cast["editor"])
    for suffix in ("redigera/", "ta-bort/", "delete/"):
        assert (
            client.post(f"/stabsarbete/journal/{entry.pk}/{suffix}", {"text": "x"}).status_code
            == 404
        )
    superuser = cast["admin"]
    superuser.is_staff = superuser.is_superuser = True
    superuser.save()
    admin = client_for(superuser)
    admin.post(f"/admin/journal/journalentry/{entry.pk}/change/", {"text": "Ändrad"})
    admin.post(f"/admin/journal/journalentry/{entry.pk}/delete/", {"post": "yes"})
    entry.refresh_from_db()
    assert entry.text == "Originaltext"
    # A correction from another staff cannot point at it.
    with pytest.raises(ValidationError):
        entry_add(staff=make_staff(), by=cast["editor"], category="other", text="x", corrects=entry)


@pytest.mark.django_db
def test_the_journal_shows_today_by_default_and_filters_period_key_events_and_category(
    cast: dict,
) -> None:
    staff = make_staff()
    now = timezone.now()
    make_entry(staff, cast["editor"], text="Idag nyckel", key_event=True, event_at=now)
    make_entry(staff, cast["editor"], text="Idag möte", category=Category.MEETING, event_at=now)
    make_entry(staff, cast["editor"], text="Förra veckan", event_at=now - timedelta(days=7))
    client = client_for(cast["contributor"])
    url = reverse("journal:journal", args=[staff.slug])

    def texts(**params: str) -> list[str]:
        return [e.text for e in client.get(url, params).context["entries"]]

    assert sorted(texts()) == ["Idag möte", "Idag nyckel"]
    week_ago = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert len(texts(start=week_ago)) == 3
    assert texts(start=week_ago, key="on") == ["Idag nyckel"]
    assert texts(category="meeting") == ["Idag möte"]
    assert client_for(cast["reader"]).get(url).status_code == 403


@pytest.mark.django_db
def test_recording_a_decision_writes_a_linked_key_event_in_the_journal(cast: dict) -> None:
    staff = make_staff()
    decision = decision_record(
        decision=Decision(
            staff=staff,
            title="Införandet pausas",
            decision_text="Pausa.",
            reasons="Skäl",
            decided_on=timezone.localdate(),
            decided_by_body="Regionstyrelsen",
        ),
        by=cast["staff_lead"],
    )
    entry = entries_citing(decision).get()
    assert (entry.category, entry.key_event) == (Category.DECISION, True)
    assert "Införandet pausas" in entry.text
    page = (
        client_for(cast["editor"]).get(reverse("journal:entry", args=[entry.pk])).content.decode()
    )
    assert reverse("decisions:decision_detail", args=[decision.pk]) in page


@pytest.mark.django_db
def test_the_journal_exports_a_period_as_csv_for_the_registry_and_as_pdf(cast: dict) -> None:
    staff = make_staff()
    entry = make_entry(staff, cast["editor"], text='=HYPERLINK("https://x.example")')
    entry_correct(original=entry, by=cast["editor"], text="Rättad text")
    client = client_for(cast["editor"])
    csv = client.get(reverse("journal:export_csv", args=[staff.slug])).content.decode("utf-8-sig")
    lines = csv.splitlines()
    assert lines[0].startswith("Nummer;Händelsens tid")
    assert "'=HYPERLINK" in csv  # neutralised: a spreadsheet shows it as text
    assert "J2" in lines[1] and "J1" in lines[2]
    pdf = client.get(reverse("journal:export_pdf", args=[staff.slug]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="journal_exported").count() == 2
