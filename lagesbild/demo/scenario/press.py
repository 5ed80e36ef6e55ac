"""A week of media coverage and press inquiries around the pause agreement, and the FAQ.

Coverage falls in last week (Monday to Friday), so the weekly summary shows "the pause
agreement: 23 items, national spread"; inquiries are placed around now, so one is overdue and
one due today whenever the demo is run.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from lagesbild.accounts.models import User
from lagesbild.communications import services
from lagesbild.communications.models import FaqEntry, FaqVersion, Link, MediaCoverage, PressInquiry
from lagesbild.demo.scenario.press_texts import COVERAGE, FAQ
from lagesbild.staff.models import Spokesperson, Staff


def _last_week_monday() -> date:
    today = timezone.localdate()
    return today - timedelta(days=today.weekday() + 7)


def _at(day: date, hh: int, mm: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hh, mm)))


def load(ctx: dict[str, Any]) -> None:
    staff: Staff = ctx["staff"]
    users: dict[str, User] = ctx["users"]
    karin = users["redaktor"]
    spokesperson: Spokesperson = ctx["spokesperson"]
    monday = _last_week_monday()
    for weekday, outlet, kind, spread, headline, reach, tone, quoted, topic in COVERAGE:
        services.coverage_save(
            item=MediaCoverage(
                staff=staff,
                date=monday + timedelta(days=weekday),
                outlet=outlet,
                kind=kind,
                spread=spread,
                headline=headline,
                url=f"https://media.example/{outlet.lower().replace(' ', '-')}/{weekday}",
                reach=reach,
                tone=tone,
                quoted=quoted,
                topic=topic,
            ),
            by=karin,
            changed=[],
        )

    now = timezone.now()
    end_of_day = timezone.localtime(now).replace(hour=23, minute=59, second=59)
    due_today = now + (end_of_day - now) / 2
    inquiries = [
        (
            "Lina Berg",
            "Göteborgs-Posten",
            "lina.berg@gp.example",
            "Hur mycket har konsulterna i införandet kostat hittills, per månad?",
            now - timedelta(hours=26),
            now - timedelta(hours=2),
            "in_progress",
            "Vi redovisar kostnaderna öppet och lämnar ut avtalen.",
            "",
        ),
        (
            "Jonas Ek",
            "Sveriges Radio Väst",
            "070-111 22 33",
            "Kan hälso- och sjukvårdsdirektören ställa upp på en intervju om pausen i morgon bitti?",
            now - timedelta(hours=1),
            due_today,
            "new",
            "",
            "",
        ),
        (
            "Maria Svensson",
            "Dagens Medicin",
            "maria.svensson@dagensmedicin.example",
            "Hur tar regionen tillvara medarbetarnas erfarenheter av införandet?",
            now - timedelta(hours=3),
            now + timedelta(days=2),
            "in_progress",
            "Alla medarbetare kan lämna erfarenheter; de sammanställs i en gemensam rapport.",
            "",
        ),
        (
            "Erik Holm",
            "TT",
            "erik.holm@tt.example",
            "Kommentar till pausöverenskommelsen med leverantören?",
            _at(monday, 9, 5),
            _at(monday, 12, 0),
            "answered",
            "Pausen ger arbetsro och tid för ett genomtänkt vägval.",
            "Vi har kommit överens med leverantören om en paus. Den ger verksamheterna arbetsro och oss tid att ta fram ett underlag för vägval. – Anna Wallin",
        ),
        (
            "Eva Lund",
            "Borås Tidning",
            "eva.lund@bt.example",
            "Vad har pausen kostat hittills?",
            _at(monday + timedelta(days=3), 8, 40),
            _at(monday + timedelta(days=3), 15, 0),
            "answered",
            "Vi redovisar kostnaderna öppet.",
            "Kostnaderna redovisas i nästa uppföljning till regionstyrelsen. Underlagen lämnas ut på begäran.",
        ),
        (
            "Anonym",
            "Bloggen Vårdinsyn",
            "",
            "Stämmer det att patientdata har försvunnit?",
            _at(monday + timedelta(days=4), 14, 0),
            None,
            "declined",
            "",
            "Vi kommenterar inte rykten; inga patientuppgifter har försvunnit enligt vår granskning.",
        ),
    ]
    for (
        journalist,
        outlet,
        contact,
        question,
        received,
        deadline,
        status,
        line,
        answer,
    ) in inquiries:
        services.inquiry_save(
            inquiry=PressInquiry(
                staff=staff,
                journalist=journalist,
                outlet=outlet,
                contact=contact,
                question=question,
                received_at=received,
                deadline=deadline,
                handler=karin,
                spokesperson=spokesperson,
                line=line,
                answer=answer,
                status=status,
            ),
            by=karin,
            changed=[],
        )

    for position, (group, question, answer) in enumerate(FAQ):
        entry = FaqEntry(staff=staff, group=group, position=position, owner=karin)
        services.faq_save(entry=entry, question=question, answer=answer, by=karin)
    # One answer was corrected after the pause agreement: it reads as version 2.
    entry = FaqEntry.objects.get(staff=staff, versions__question="Hur länge varar pausen?")
    services.faq_save(
        entry=entry,
        question="Hur länge varar pausen?",
        answer="Pausen gäller tills regionstyrelsen har beslutat om vägval, senast i juni. Ett underlag tas fram under våren.",
        change_note="Tidpunkten för beslutet om vägval är tillagd.",
        by=karin,
    )
    # Two answers were written weeks ago and are due for review by their owner.
    for text in ("Vem svarar på frågor från media?", "Hur informerar jag min arbetsplats?"):
        stale = FaqEntry.objects.get(staff=staff, versions__question=text)
        FaqEntry.objects.filter(pk=stale.pk).update(last_reviewed_at=now - timedelta(days=45))
        FaqVersion.objects.filter(entry=stale).update(published_at=now - timedelta(days=45))
    collection = ctx.get("link_collection")
    if collection is not None:
        Link.objects.create(
            collection=collection,
            title="Frågor och svar i Lägesbild (med Atom-flöde)",
            url=f"/kommunikation/stab/{staff.slug}/fragor-och-svar/",
            position=collection.links.count(),
        )
