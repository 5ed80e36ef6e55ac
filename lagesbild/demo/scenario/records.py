"""Ten requests for public documents in every state, around the pause agreement.

Times are placed on the working days before today (the records clock's own calendar), so the
demo shows one overdue request, one in secrecy review, fresh ones and decided ones whatever
day it is run.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from lagesbild.accounts.models import User
from lagesbild.decisions.models import Agreement
from lagesbild.records import services
from lagesbild.records.decision_text import DEFAULT_APPEAL_NOTICE
from lagesbild.records.models import DocumentKind, Outcome, RecordsRequest, Review, office_hours
from lagesbild.staff.models import Staff


def _working_days_back(n: int) -> list[date]:
    """The n working days before today, most recent first."""
    hours = office_hours()
    days: list[date] = []
    day = timezone.localdate()
    while len(days) < n:
        day -= timedelta(days=1)
        if hours.is_working_day(day):
            days.append(day)
    return days


def _at(day: date, hh: int, mm: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hh, mm)))


def _file(name: str, text: str) -> ContentFile[bytes]:
    return ContentFile(text.encode("utf-8"), name=name)


def _document(
    request: RecordsRequest,
    by: User,
    title: str,
    kind: str,
    review: str = "",
    ground: str = "",
    text: str = "",
    link: tuple[str, int] | None = None,
) -> None:
    """Add a document; reviewed half an hour after receipt (or when it is, for fresh ones)."""
    original = _file(f"{title.lower().replace(' ', '-')}.txt", text or title) if not link else None
    document = services.document_add(
        request=request,
        title=title,
        kind=DocumentKind.LINKED if link else kind,
        original=original,
        link_kind=link[0] if link else "",
        link_id=link[1] if link else None,
        by=by,
    )
    if review:
        released = None
        if review == Review.REDACTED:
            released = _file("maskerad-" + document.original.name.rsplit("/", 1)[-1], "[MASKERAT]")
        services.document_review(
            document=document,
            outcome=review,
            legal_ground=ground,
            released_file=released,
            at=min(request.received_at + timedelta(minutes=30), timezone.now()),
            by=by,
        )


def load(ctx: dict[str, Any]) -> None:
    staff: Staff = ctx["staff"]
    users: dict[str, User] = ctx["users"]
    karin, sara = users["redaktor"], users["stabschef"]
    report = (ctx.get("reports") or [None])[0]
    d = _working_days_back(7)  # d[0] is the last working day before today
    now = timezone.now()

    def register(received: datetime, description: str, channel: str, **kw: Any) -> RecordsRequest:
        return services.request_register(
            staff=staff,
            received_at=received,
            channel=channel,
            description=description,
            by=karin,
            **kw,
        )

    # 1. An old decided request whose requester details have been purged.
    r6 = register(
        _at(d[6] - timedelta(days=120), 9, 0),
        "Konsultkostnader för införandeprojektet 2024.",
        "email",
        requester_name="Per Persson",
        handler=karin,
    )
    _document(r6, karin, "Sammanställning konsultkostnader 2024", DocumentKind.OTHER, Review.FULL)
    services.request_decide(
        request=r6, outcome=Outcome.RELEASED, by=karin, at=_at(d[6] - timedelta(days=120), 13, 0)
    )
    services.requests_purge(now=now)

    # 2. Decided the same day: released in full, a report linked.
    r1 = register(
        _at(d[6], 9, 10),
        "Samtliga regionala rapporter om pausen i införandet av vårdinformationssystemet.",
        "email",
        requester_name="Eva Lund, Borås Tidning",
        requester_contact="eva.lund@bt.example",
        handler=karin,
    )
    if report is not None:
        _document(
            r1,
            karin,
            f"Regional rapport nr {report.number}",
            "",
            Review.FULL,
            link=("report", report.pk),
        )
    services.request_decide(request=r1, outcome=Outcome.RELEASED, by=karin, at=_at(d[6], 11, 40))

    # 3. Partly released with redactions, same day: a written decision with appeal notice.
    r2 = register(
        _at(d[5], 8, 35),
        "E-postväxling mellan regiondirektören och leverantören om pausöverenskommelsen, vecka 7.",
        "email",
        requester_name="Jonas Ek, Sveriges Radio Väst",
        requester_contact="jonas.ek@sr.example",
        handler=karin,
    )
    _document(
        r2,
        karin,
        "Mejl 12 februari",
        DocumentKind.EMAIL,
        Review.FULL,
        text="Hej, se bifogat utkast.",
    )
    _document(
        r2,
        karin,
        "Mejl 14 februari med prisbilaga",
        DocumentKind.EMAIL,
        Review.REDACTED,
        "31 kap. 16 § OSL",
        "Timpris konsulter: 1 450 kr.",
    )
    services.request_decide(
        request=r2,
        outcome=Outcome.PARTLY,
        by=sara,
        at=_at(d[5], 15, 5),
        grounds="Prisuppgifterna i bilagan omfattas av sekretess enligt 31 kap. 16 § OSL; "
        "leverantören kan lida skada om de röjs.",
        appeal_notice=DEFAULT_APPEAL_NOTICE,
    )

    # 4. Refused with an appeal notice.
    r3 = register(
        _at(d[4], 10, 20),
        "Leverantörens säkerhetsanalys av journalsystemet inför omstarten.",
        "letter",
        handler=karin,
    )
    _document(
        r3, karin, "Säkerhetsanalys v. 1.3", DocumentKind.OTHER, Review.WITHHELD, "18 kap. 8 § OSL"
    )
    services.request_decide(
        request=r3,
        outcome=Outcome.REFUSED,
        by=sara,
        at=_at(d[4], 16, 0),
        grounds="Analysen beskriver säkerhetsåtgärder för regionens IT-system. Ett röjande kan "
        "antas skada säkerheten (18 kap. 8 § OSL).",
        appeal_notice=DEFAULT_APPEAL_NOTICE,
    )

    # 5. Decided the next day (a secrecy review of a large volume): after the target.
    r4 = register(
        _at(d[3], 15, 50),
        "Protokoll från styrgruppen för vårdinformationssystemet, januari–februari.",
        "email",
        requester_name="Dagens Medicin, redaktionen",
        requester_contact="tips@dagensmedicin.example",
        handler=karin,
    )
    for n in (1, 2, 3):
        _document(r4, karin, f"Styrgruppsprotokoll {n}/2025", DocumentKind.MINUTES, Review.FULL)
    services.request_decide(request=r4, outcome=Outcome.RELEASED, by=karin, at=_at(d[2], 10, 15))

    # 6. Released in full, phone request, anonymous.
    r5 = register(_at(d[2], 13, 0), "Avtalet om konsultstöd under pausen.", "phone", handler=karin)
    _document(r5, karin, "Avtal konsultstöd (ramavtalsavrop)", DocumentKind.CONTRACT, Review.FULL)
    agreement = Agreement.objects.filter(staff=staff).order_by("id").first()
    if agreement is not None:
        _document(r5, karin, str(agreement), "", Review.FULL, link=("agreement", agreement.pk))
    services.request_decide(request=r5, outcome=Outcome.RELEASED, by=karin, at=_at(d[2], 14, 30))

    # 7. Overdue: received the last working day, still open, escalated to the staff lead.
    r7 = register(
        _at(d[0], 14, 5),
        "Alla mejl mellan stabschefen och förvaltningscheferna om pausen, 1–20 februari.",
        "email",
        requester_name="Lina Berg, Göteborgs-Posten",
        requester_contact="lina.berg@gp.example",
        handler=karin,
    )
    _document(r7, karin, "Mejlväxling stabschef–förvaltningschefer", DocumentKind.EMAIL)
    # Marked as escalated and mailed already, so the demo's worker sends nothing.
    r7.escalated_at = r7.escalation_sent_at = _at(d[0], 16, 31)
    r7.save(update_fields=["escalated_at", "escalation_sent_at"])

    # 8. In secrecy review, received today (or just now if the demo starts before opening).
    received = min(
        now - timedelta(minutes=50), max(now - timedelta(hours=3), _at(timezone.localdate(), 8, 10))
    )
    r8 = register(
        received,
        "Minnesanteckningar från dialogmötet med primärvården den 18 februari.",
        "in_person",
        requester_name="Anonym besökare",
        handler=karin,
    )
    _document(r8, karin, "Minnesanteckningar dialogmöte 18/2", DocumentKind.MINUTES, Review.FULL)
    _document(r8, karin, "Deltagarlista dialogmöte 18/2", DocumentKind.OTHER)

    # 9 and 10. Just registered; one without a handler yet.
    register(
        now - timedelta(minutes=25),
        "Riskanalysen inför beslutet om pausen.",
        "email",
        requester_contact="anonym@skyddad.example",
        handler=karin,
    )
    register(now - timedelta(minutes=5), "Beslutsunderlag om vägval, senaste versionen.", "phone")
    ctx.update(records_requests=RecordsRequest.objects.filter(staff=staff))
