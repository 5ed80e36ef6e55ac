"""Two weeks of the staff journal (with corrections and key events), a dozen questions in both
horizons, and a staff meeting whose minutes are in the journal."""

# ruff: noqa: E501
from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from lagesbild.journal.models import Category, Horizon, Meeting, Task, TaskNote, TaskStatus
from lagesbild.journal.services.journal import entry_add, entry_correct
from lagesbild.journal.services.meetings import minutes_close
from lagesbild.journal.services.tasks import task_save

# (days ago, hh:mm, author, category, key event, text)
ENTRIES = [
    (
        13,
        "07:40",
        "stabschef",
        Category.MEETING,
        True,
        "Stabsmöte. Läget efter helgens driftstörning gicks igenom; extra rapport beslutades.",
    ),
    (
        13,
        "09:15",
        "redaktor",
        Category.INFO_OUT,
        False,
        "Extra regional rapport publicerad och skickad till politisk ledning och chefer.",
    ),
    (
        12,
        "10:05",
        "skribent",
        Category.INFO_IN,
        False,
        "Tre sjukhus rapporterar att remissvar saknas i det gamla systemet sedan fredag.",
    ),
    (
        12,
        "14:30",
        "stabschef",
        Category.ACTION,
        False,
        "IT-direktören har fått i uppdrag att ta fram en manuell bevakningsrutin för remisser.",
    ),
    (
        11,
        "08:10",
        "redaktor",
        Category.INFO_IN,
        False,
        "TT ringde om konsultkostnaderna. Hänvisat till regiondirektören.",
    ),
    (
        11,
        "16:45",
        "stabschef",
        Category.DECISION,
        True,
        "Uppdrag att ta fram beslutsunderlag om vägval till regionstyrelsen i mars.",
    ),
    (
        10,
        "07:10",
        "redaktor",
        Category.INFO_IN,
        False,
        "Samtal från SR Väst kl. 07.10 om pausöverenskommelsen; intervju med ordföranden bokad 13.00.",
    ),
    (
        9,
        "11:00",
        "skribent",
        Category.MEETING,
        False,
        "Dialogmöte med Koncernkontoret, 24 deltagare. Anteckningar förs in i erfarenhetsinsamlingen.",
    ),
    (
        8,
        "09:30",
        "stabschef",
        Category.INFO_IN,
        True,
        "Leverantören bekräftar skriftligt att rättningsplanen för läkemedelsmodulen lämnas inom tio dagar.",
    ),
    (
        7,
        "15:20",
        "redaktor",
        Category.INFO_OUT,
        False,
        "Frågor och svar om pausen uppdaterade på intranätet.",
    ),
    (
        6,
        "08:05",
        "stabschef",
        Category.MEETING,
        False,
        "Stabsmöte. Beslutsunderlagets tidplan och de tre vägvalen gicks igenom.",
    ),
    (
        5,
        "13:40",
        "skribent",
        Category.ACTION,
        False,
        "Webbfrågan har fått 1 100 svar; påminnelse skickad till chefer i primärvården.",
    ),
    (
        4,
        "10:20",
        "redaktor",
        Category.INFO_IN,
        False,
        "Begäran om allmän handling: e-postväxling med leverantören i oktober. Registrerad och lämnad till registrator.",
    ),
    (
        3,
        "17:05",
        "stabschef",
        Category.OTHER,
        False,
        "Kommunerna i Fyrbodal vill ha en gemensam genomgång av integrationerna före jul.",
    ),
    (
        2,
        "08:15",
        "stabschef",
        Category.MEETING,
        True,
        "Stabsmöte. Externa granskningens tolv iakttagelser fördelade på ansvariga.",
    ),
    (
        1,
        "09:50",
        "skribent",
        Category.INFO_IN,
        False,
        "Arbetsmiljöverket har fått två anmälningar om dubbeldokumentation.",
    ),
    (
        0,
        "07:30",
        "redaktor",
        Category.INFO_OUT,
        False,
        "Regional rapport nr 6 under arbete; deadline i eftermiddag.",
    ),
]

# (title, horizon, owner, due in days, priority, status, description)
TASKS = [
    (
        "Manuell bevakning av remisser mellan systemen",
        Horizon.SHORT,
        "skribent",
        2,
        1,
        TaskStatus.IN_PROGRESS,
        "Rutin för att fånga remissvar som inte når fram, tills integrationen är rättad.",
    ),
    (
        "Svara på begäran om e-postväxling med leverantören",
        Horizon.SHORT,
        "redaktor",
        0,
        1,
        TaskStatus.OPEN,
        "Sekretessprövning med chefsjuristen.",
    ),
    ("Regional rapport nr 6", Horizon.SHORT, "redaktor", 0, 2, TaskStatus.IN_PROGRESS, ""),
    (
        "Genomgång av integrationerna med Fyrbodals kommuner",
        Horizon.SHORT,
        "stabschef",
        9,
        2,
        TaskStatus.OPEN,
        "",
    ),
    (
        "Fördela den externa granskningens iakttagelser",
        Horizon.SHORT,
        "stabschef",
        -1,
        1,
        TaskStatus.DONE,
        "",
    ),
    (
        "Påminnelse om webbfrågan till primärvården",
        Horizon.SHORT,
        "skribent",
        -3,
        3,
        TaskStatus.DONE,
        "",
    ),
    (
        "Arbetsmiljöanmälningarna: underlag till HR-direktören",
        Horizon.SHORT,
        "skribent",
        1,
        1,
        TaskStatus.WAITING,
        "Väntar på beslut om extra resurser för dubbeldokumentation.",
    ),
    (
        "Beslutsunderlag om vägval till regionstyrelsen",
        Horizon.LONG,
        "stabschef",
        75,
        1,
        TaskStatus.IN_PROGRESS,
        "Tre vägval, riskanalyser per vägval, granskningens iakttagelser och lärdomarna.",
    ),
    (
        "Gemensam rapport om erfarenheter och lärdomar",
        Horizon.LONG,
        "skribent",
        60,
        2,
        TaskStatus.IN_PROGRESS,
        "",
    ),
    (
        "Plan för kunskapsöverföring från konsulterna",
        Horizon.LONG,
        "stabschef",
        45,
        2,
        TaskStatus.OPEN,
        "",
    ),
    (
        "Kommunikationsplan för beslutet om vägval",
        Horizon.LONG,
        "redaktor",
        70,
        2,
        TaskStatus.OPEN,
        "",
    ),
    (
        "Utvärdera stabsarbetet efter pausen",
        Horizon.LONG,
        "stabschef",
        120,
        3,
        TaskStatus.DROPPED,
        "Görs i regionens ordinarie uppföljning i stället.",
    ),
]


def _at(days: int, hhmm: str) -> datetime:
    day = timezone.localdate() - timedelta(days=days)
    hour, minute = (int(x) for x in hhmm.split(":"))
    moment = timezone.make_aware(datetime.combine(day, time(hour, minute)))
    return min(moment, timezone.now())


def load(ctx: dict[str, Any]) -> None:
    staff, users = ctx["staff"], ctx["users"]
    entries = []
    for days, hhmm, author, category, key, text in ENTRIES:
        entry = entry_add(
            staff=staff,
            by=users[author],
            category=category,
            text=text,
            event_at=_at(days, hhmm),
            key_event=key,
        )
        # Logged later than it happened, as the 07.10 phone call was.
        entry.entered_at = entry.event_at + timedelta(minutes=20 + days)
        entry.save(update_fields=["entered_at"])
        entries.append(entry)
    entry_correct(
        original=entries[4],
        by=users["redaktor"],
        text="Dagens Medicin (inte TT) ringde om konsultkostnaderna. Hänvisat till regiondirektören.",
    )
    today = timezone.localdate()
    for title, horizon, owner, due, priority, status, description in TASKS:
        # Through the service, as the staff lead assigns them: each owner other than the lead
        # finds "Du är ansvarig för …" on the start page (and in the mail queue).
        task = task_save(
            task=Task(
                staff=staff,
                title=title,
                horizon=horizon,
                owner=users[owner],
                due_date=today + timedelta(days=due),
                priority=priority,
                status=status,
                description=description,
                drop_reason=description if status == TaskStatus.DROPPED else "",
            ),
            by=users["stabschef"],
        )
        TaskNote.objects.create(
            task=task, by=users[owner], text="Påbörjad.", at=timezone.now() - timedelta(days=5)
        )
    meeting = Meeting.objects.create(
        staff=staff,
        held_at=_at(2, "08:00"),
        title="Stabsmöte",
        minutes=(
            "Närvarande: Sara Lind (stabschef), Karin Berg, Johan Ek, Lena Sjöberg.\n\n"
            "1. Lägesbild: remissbevakningen fungerar men belastar personalen.\n"
            "2. Externa granskningen: de tolv iakttagelserna fördelades; svar senast om två veckor.\n"
            "3. Beslutsunderlaget: tidplanen ligger fast.\n"
            "4. Nästa möte: onsdag 08.00."
        ),
    )
    minutes_close(meeting=meeting, by=users["stabschef"])
    Meeting.objects.create(staff=staff, held_at=_at(0, "08:00"), title="Stabsmöte")
