"""Press inquiries, media coverage with its weekly summary, and the versioned FAQ."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lagesbild.accounts.models import AuditEntry, User
from lagesbild.communications import services
from lagesbild.communications.coverage import summarise, week_markdown
from lagesbild.communications.models import FaqEntry, MediaCoverage, PressInquiry
from lagesbild.testing import make_spokesperson, make_staff


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_inquiry(staff: Any, **fields: Any) -> PressInquiry:
    fields.setdefault("journalist", "Eva Lund")
    fields.setdefault("outlet", "Borås Tidning")
    fields.setdefault("question", "Vad kostar pausen?")
    fields.setdefault("received_at", timezone.now() - timedelta(hours=2))
    return PressInquiry.objects.create(staff=staff, **fields)


def make_coverage(staff: Any, **fields: Any) -> MediaCoverage:
    fields.setdefault("date", date(2025, 2, 26))
    fields.setdefault("kind", "daily")
    fields.setdefault("headline", "Regionen pausar journalsystemet")
    fields.setdefault("topic", "Pausöverenskommelsen")
    return MediaCoverage.objects.create(staff=staff, **fields)


@pytest.mark.django_db
def test_overdue_and_due_today_inquiries_come_first(cast: dict) -> None:
    staff = make_staff()
    now = timezone.now()
    end_of_day = timezone.localtime(now).replace(hour=23, minute=59, second=59)
    later = make_inquiry(staff, outlet="Dagens Medicin", deadline=now + timedelta(days=2))
    make_inquiry(
        staff, outlet="GP", status="answered", answer="Svar.", deadline=now - timedelta(days=1)
    )
    overdue = make_inquiry(staff, outlet="SR Väst", deadline=now - timedelta(hours=1))
    today = make_inquiry(staff, outlet="TT", deadline=now + (end_of_day - now) / 2)
    response = client_for(cast["editor"]).get(reverse("communications:press"))
    rows = response.context["rows"]
    assert [(i.outlet, u) for i, u in rows[:3]] == [
        (overdue.outlet, "overdue"),
        (today.outlet, "today"),
        (later.outlet, "later"),
    ]
    assert rows[3][1] == "closed"
    html = response.content.decode()
    assert html.index("Deadline passerad") < html.index("Deadline i dag")


@pytest.mark.django_db
def test_an_inquiry_is_saved_with_spokesperson_and_line_and_audited(cast: dict) -> None:
    staff = make_staff()
    spokesperson = make_spokesperson(staff, name="Anna Wallin")
    client = client_for(cast["editor"])
    url = reverse("communications:inquiry_create", args=[staff.slug])
    data = {
        "journalist": "Jonas Ek",
        "outlet": "Sveriges Radio Väst",
        "contact": "070-123 45 67",
        "received_at": "2025-02-26T09:10",
        "deadline": "2025-02-26T08:00",
        "question": "Hur mycket har konsulterna kostat?",
        "handler": cast["editor"].pk,
        "spokesperson": spokesperson.pk,
        "line": "Vi redovisar kostnaderna öppet.",
        "answer": "",
        "status": "answered",
    }
    response = client.post(url, data)
    html = response.content.decode()
    assert "Deadline kan inte vara före att frågan kom in." in html
    assert "Skriv svaret innan frågan markeras som besvarad." in html
    assert PressInquiry.objects.count() == 0
    data.update(deadline="2025-02-26T15:00", status="in_progress")
    assert client.post(url, data).status_code == 302
    inquiry = PressInquiry.objects.get()
    assert inquiry.spokesperson == spokesperson and inquiry.line.startswith("Vi redovisar")
    assert AuditEntry.objects.filter(action="communications.inquiry_create").count() == 1


@pytest.mark.django_db
def test_readers_cannot_see_press_or_manage_the_faq(cast: dict) -> None:
    make_staff()
    for name in ("communications:press", "communications:faq_manage"):
        assert client_for(cast["reader"]).get(reverse(name)).status_code == 403
        assert client_for(cast["contributor"]).get(reverse(name)).status_code == 403


@pytest.mark.django_db
def test_the_week_of_coverage_sums_up_per_topic_as_markdown_for_the_report(cast: dict) -> None:
    staff = make_staff()
    make_coverage(
        staff, outlet="Göteborgs-Posten", kind="daily", tone="neutral", quoted="Anna Wallin"
    )
    make_coverage(staff, outlet="TT", kind="news_agency", spread="national", tone="neutral")
    make_coverage(
        staff,
        outlet="Sveriges Radio Väst",
        kind="radio",
        tone="negative",
        quoted="Anna Wallin, Per Nordin",
        date=date(2025, 2, 24),
    )
    make_coverage(staff, outlet="Dagens Medicin", kind="trade", topic="Konsultkostnader")
    make_coverage(staff, outlet="GP", date=date(2025, 3, 3))  # the week after
    items = MediaCoverage.objects.filter(date__range=(date(2025, 2, 24), date(2025, 3, 2)))
    summaries = summarise(items)
    assert summaries[0].line() == (
        "- Pausöverenskommelsen: 3 inslag, nationell spridning (TT, Sveriges Radio Väst, "
        "Göteborgs-Posten). Tonen var mest neutral. Citerade: Anna Wallin, Per Nordin."
    )
    markdown = week_markdown(summaries, date(2025, 2, 24))
    assert markdown.startswith("Mediebevakning vecka 9:\n\n- Pausöverenskommelsen: 3 inslag")
    assert "- Konsultkostnader: 1 inslag, regional spridning (Dagens Medicin)." in markdown
    response = client_for(cast["editor"]).get(
        reverse("communications:coverage_week", args=[staff.slug]), {"fran": "2025-02-26"}
    )
    assert response.context["markdown"] == markdown
    assert "Mediebevakning vecka 9" in response.content.decode()


@pytest.mark.django_db
def test_a_published_answer_never_changes_silently(cast: dict) -> None:
    staff = make_staff()
    entry = FaqEntry(staff=staff, group="Om pausen", owner=cast["editor"])
    first = services.faq_save(
        entry=entry,
        question="Varför pausas införandet?",
        answer="För att säkra patientsäkerheten.",
        by=cast["editor"],
    )
    assert first is not None and first.number == 1
    with pytest.raises(Exception) as error:
        services.faq_save(
            entry=entry,
            question="Varför pausas införandet?",
            answer="Nytt svar.",
            by=cast["editor"],
        )
    assert "Skriv vad som ändrats" in str(error.value)
    second = services.faq_save(
        entry=entry,
        question="Varför pausas införandet?",
        answer="Nytt svar efter beslutet.",
        change_note="Uppdaterat efter regionstyrelsens beslut.",
        by=cast["editor"],
    )
    assert second is not None and second.number == 2
    first.refresh_from_db()
    assert first.answer == "För att säkra patientsäkerheten."
    # Only the owner changes: no new version.
    entry.owner = cast["staff_lead"]
    assert (
        services.faq_save(
            entry=entry,
            question="Varför pausas införandet?",
            answer="Nytt svar efter beslutet.",
            by=cast["editor"],
        )
        is None
    )
    assert entry.versions.count() == 2
    page = Client().get(reverse("communications:faq_public", args=[staff.slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Nytt svar efter beslutet." in html and "För att säkra" not in html
    assert f"Senast uppdaterad {second.published_at:%Y-%m-%d}" in html
    assert "Uppdaterat efter regionstyrelsens beslut." in html
    feed = Client().get(reverse("communications:faq_feed", args=[staff.slug]))
    xml = feed.content.decode()
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "<title>Varför pausas införandet?</title>" in xml and "Nytt svar efter beslutet." in xml


@pytest.mark.django_db
def test_stale_answers_are_flagged_to_their_owner_until_reviewed(cast: dict, settings: Any) -> None:
    settings.FAQ_STALE_DAYS = 30
    staff = make_staff()
    entry = FaqEntry(staff=staff, group="Om pausen", owner=cast["editor"])
    services.faq_save(
        entry=entry, question="Vem beslutar?", answer="Regionstyrelsen.", by=cast["editor"]
    )
    FaqEntry.objects.filter(pk=entry.pk).update(
        last_reviewed_at=timezone.now() - timedelta(days=40)
    )
    client = client_for(cast["editor"])
    html = client.get(reverse("communications:faq_manage")).content.decode()
    assert "Behöver granskas" in html and "Du äger 1 svar som inte granskats på 30 dagar." in html
    assert (
        "Du äger"
        not in client_for(cast["staff_lead"])
        .get(reverse("communications:faq_manage"))
        .content.decode()
    )
    client.post(reverse("communications:faq_reviewed", args=[entry.pk]))
    html = client.get(reverse("communications:faq_manage")).content.decode()
    assert "Behöver granskas" not in html
    assert FaqEntry.objects.get().versions.count() == 1


@pytest.mark.django_db
def test_owners_are_reminded_of_stale_answers_by_email_once_per_period(
    cast: dict, settings: Any, capsys: Any
) -> None:
    from django.core.management import call_command

    from lagesbild.distribution.tests.conftest import SmtpServer

    server = SmtpServer()
    server.start()
    settings.SMTP_URL = server.url
    settings.FAQ_STALE_DAYS = 30
    try:
        staff = make_staff()
        entry = FaqEntry(staff=staff, group="Om pausen", owner=cast["editor"])
        services.faq_save(
            entry=entry, question="Vem beslutar?", answer="Styrelsen.", by=cast["editor"]
        )
        fresh = FaqEntry(staff=staff, group="Om pausen", owner=cast["editor"])
        services.faq_save(entry=fresh, question="När?", answer="I juni.", by=cast["editor"])
        FaqEntry.objects.filter(pk=entry.pk).update(
            last_reviewed_at=timezone.now() - timedelta(days=40)
        )
        call_command("faq_stale", "--skicka")
        out = capsys.readouterr().out
        assert "Vem beslutar?" in out and "När?" not in out and "Påminnelser skickade: 1" in out
        messages = server.handler.to(cast["editor"].email)
        assert len(messages) == 1
        body = messages[0].parsed().get_body(preferencelist=("plain",)).get_content()
        assert "Vem beslutar?" in body and "När?" not in body
        call_command("faq_stale", "--skicka")
        assert len(server.handler.to(cast["editor"].email)) == 1
    finally:
        server.stop()
