"""Demo users (one per role) and the staff with its members and spokesperson."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from lagesbild.accounts.models import Role, User
from lagesbild.staff.models import AccessRole, Spokesperson, Staff, StaffMember, StaffRole

DEMO_PASSWORD = "demo-lagesbild"

USERS = [
    ("admin", Role.ADMIN, "Ada", "Administratör", "Systemförvaltare"),
    ("stabschef", Role.STAFF_LEAD, "Sara", "Lind", "Stabschef"),
    ("redaktor", Role.EDITOR, "Karin", "Berg", "Kommunikatör"),
    ("skribent", Role.CONTRIBUTOR, "Johan", "Ek", "Verksamhetsutvecklare"),
    ("lasare", Role.READER, "Mikael", "Holm", "Regionråd"),
]


def load(ctx: dict[str, Any]) -> None:
    users = {}
    for username, role, first, last, title in USERS:
        user = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            email=f"{username}@region.example",
            role=role,
            title=title,
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
        )
        users[username] = user
    staff = Staff.objects.create(
        name="Regional samordningsstab vårdinformationssystem",
        slug="vis-staben",
        purpose=(
            "Samordna regionens arbete under pausen i införandet av det nya "
            "vårdinformationssystemet: hålla en gemensam lägesbild, samla erfarenheter "
            "från medarbetarna och ta fram underlag för beslut om vägval."
        ),
        working_method=(
            "Staben möts måndag, onsdag och fredag klockan 08.00. Regional rapport "
            "sammanställs efter mötet och skickas till politisk ledning och chefer. "
            "Vid händelser kan extra rapport tas fram och fler funktioner adjungeras."
        ),
    )
    # Rights come from these memberships (access_role, and lead / decision maker).
    members: list[tuple[str, str, str, str, str | None, str]] = [
        ("Sara Lind", "Stabschef", "Koncernkontoret", StaffRole.LEAD, "stabschef", "editor"),
        ("Per Nordin", "Regiondirektör", "Koncernkontoret", StaffRole.DECISION_MAKER, None, ""),
        (
            "Karin Berg",
            "Kommunikatör",
            "Kommunikationsenheten",
            StaffRole.CORE,
            "redaktor",
            "editor",
        ),
        (
            "Johan Ek",
            "Verksamhetsutvecklare",
            "Hälso- och sjukvården",
            StaffRole.CORE,
            "skribent",
            "contributor",
        ),
        ("Lena Sjöberg", "HR-strateg", "HR-avdelningen", StaffRole.CORE, None, ""),
        ("Mikael Holm", "Regionråd", "Regionstyrelsen", StaffRole.CORE, "lasare", "reader"),
    ]
    for name, function, org, staff_role, account, access in members:
        StaffMember.objects.create(
            staff=staff,
            name=name,
            function=function,
            organisation=org,
            staff_role=staff_role,
            user=users[account] if account else None,
            access_role=access or AccessRole.READER,
        )
    StaffMember.objects.create(
        staff=staff,
        name="Omar Haddad",
        function="IT-säkerhetsansvarig",
        organisation="Regionens IT",
        staff_role=StaffRole.ADDED,
        event="Driftstörning i journalsystemet",
        # From the weekend outage that the demo's extra report covers, for two weeks.
        valid_from=_outage_saturday(),
        valid_to=_outage_saturday() + timedelta(days=13),
    )
    spokesperson = Spokesperson.objects.create(
        staff=staff,
        name="Anna Wallin",
        title="hälso- och sjukvårdsdirektör",
        phone="010-123 45 67",
        email="anna.wallin@region.example",
    )
    ctx.update(users=users, staff=staff, spokesperson=spokesperson)


def _outage_saturday() -> date:
    """The Saturday before the extra report's Monday (see scenario/reports.py)."""
    monday = timezone.localdate() - timedelta(days=5)
    monday -= timedelta(days=monday.weekday())
    return monday - timedelta(days=2)
