"""Plain make_<model>() helpers and the named cast of users shared by every app's tests."""

from datetime import datetime, timedelta
from itertools import count
from pathlib import Path
from typing import Any

from django.utils import timezone

from lagesbild.accounts.models import Role, User
from lagesbild.communications.models import CommunicationAction, Link, LinkCollection
from lagesbild.reports.models import Report, ReportSection, SectionKind, Series, TemplateSection
from lagesbild.staff.models import AccessRole, Spokesperson, Staff, StaffMember, StaffRole

AXE_JS = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "korrekt-häst-batteri-42"
_sequence = count(1)

# The cast's usernames and their account role; only "admin" means anything to permissions.
CAST = {
    "admin": Role.ADMIN,
    "staff_lead": Role.STAFF_LEAD,
    "editor": Role.EDITOR,
    "contributor": Role.CONTRIBUTOR,
    "reader": Role.READER,
    "analyst": Role.READER,
    "decider": Role.READER,
    "ended_member": Role.EDITOR,
    "other_member": Role.EDITOR,
}
# What the cast is in every staff make_staff() creates (enrol_cast): their usual rights.
# "ended_member" was an editor added for an event that ended yesterday; "other_member" is an
# editor only in staffs made by make_other_staff(), so in make_staff() staffs an outsider.
CAST_MEMBERSHIPS: dict[str, tuple[str, str]] = {
    "staff_lead": (StaffRole.LEAD, AccessRole.EDITOR),
    "decider": (StaffRole.DECISION_MAKER, AccessRole.READER),
    "editor": (StaffRole.CORE, AccessRole.EDITOR),
    "analyst": (StaffRole.CORE, AccessRole.ANALYST),
    "contributor": (StaffRole.CORE, AccessRole.CONTRIBUTOR),
    "reader": (StaffRole.CORE, AccessRole.READER),
    "ended_member": (StaffRole.ADDED, AccessRole.EDITOR),
}


def make_user(username: str | None = None, role: str = Role.READER, **fields: Any) -> User:
    username = username or f"user{next(_sequence)}"
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        email=fields.pop("email", f"{username}@example.se"),
        role=role,
        **fields,
    )
    return user


def make_member(
    staff: Staff,
    user: User | None = None,
    *,
    staff_role: str = StaffRole.CORE,
    access_role: str = AccessRole.READER,
    **fields: Any,
) -> StaffMember:
    """A membership of `user` (a new reader if None) in the staff; dates via valid_from/to."""
    user = user or make_user()
    fields.setdefault("name", user.display_name())
    return StaffMember.objects.create(
        staff=staff, user=user, staff_role=staff_role, access_role=access_role, **fields
    )


def enrol_cast(staff: Staff) -> None:
    """Give the cast (if this test has one) their usual memberships in the staff."""
    today = timezone.localdate()
    for user in User.objects.filter(username__in=CAST_MEMBERSHIPS):
        staff_role, access_role = CAST_MEMBERSHIPS[user.username]
        dates: dict[str, Any] = {}
        if user.username == "ended_member":
            dates = {
                "event": "Avslutad händelse",
                "valid_from": today - timedelta(days=30),
                "valid_to": today - timedelta(days=1),
            }
        make_member(staff, user, staff_role=staff_role, access_role=access_role, **dates)


def make_staff(*, members: bool = True, **fields: Any) -> Staff:
    """A staff; the cast are its members unless members=False (for separation tests)."""
    n = next(_sequence)
    fields.setdefault("name", f"Samordningsstab {n}")
    fields.setdefault("slug", f"stab-{n}")
    staff = Staff.objects.create(**fields)
    if members:
        enrol_cast(staff)
    return staff


def make_other_staff(**fields: Any) -> Staff:
    """Another staff: the cast are not members, except other_member, who is its editor."""
    fields.setdefault("name", f"Annan stab {next(_sequence)}")
    staff = make_staff(members=False, **fields)
    other = User.objects.filter(username="other_member").first()
    if other is not None:
        make_member(staff, other, access_role=AccessRole.EDITOR)
    return staff


def make_series(staff: Staff | None = None, **fields: Any) -> Series:
    n = next(_sequence)
    fields.setdefault("title", f"Regional rapport {n}")
    fields.setdefault("slug", f"serie-{n}")
    return Series.objects.create(staff=staff or make_staff(), **fields)


def make_template(series: Series) -> list[TemplateSection]:
    """The usual template: summary, communication, actions, links, spokesperson, footer."""
    rows = [
        ("Sammanfattande lägesbild", 2, SectionKind.TEXT, ""),
        ("Kommunikativ lägesbild", 2, SectionKind.TEXT, ""),
        ("Kommunikativa åtgärder, urval", 2, SectionKind.ACTIONS, ""),
        ("Samlad information", 3, SectionKind.LINKS, ""),
        ("Talesperson", 2, SectionKind.SPOKESPERSONS, ""),
        ("", 2, SectionKind.STANDING, "*Rapporten sammanställs av kommunikationsenheten.*"),
    ]
    return [
        TemplateSection.objects.create(
            series=series, position=i, heading=h, level=lvl, kind=kind, body=body
        )
        for i, (h, lvl, kind, body) in enumerate(rows)
    ]


def make_report(
    series: Series | None = None,
    *,
    number: int | None = None,
    compiled_at: datetime | None = None,
    sections: list[tuple[str, str]] | None = None,
    **fields: Any,
) -> Report:
    """A report with free-text sections given as (heading, markdown) pairs."""
    series = series or make_series()
    if number is None:
        number = (
            series.reports.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
    report = Report.objects.create(
        series=series,
        number=number,
        title=fields.pop("title", series.title),
        compiled_at=compiled_at or timezone.now(),
        **fields,
    )
    for i, (heading, body) in enumerate(
        sections or [("Sammanfattande lägesbild", "- Läget är stabilt.")]
    ):
        ReportSection.objects.create(
            report=report, position=i, heading=heading, kind=SectionKind.TEXT, body=body
        )
    return report


def make_action(staff: Staff, **fields: Any) -> CommunicationAction:
    fields.setdefault("date", timezone.localdate())
    fields.setdefault("title", f"Nyhet {next(_sequence)}")
    fields.setdefault("url", "https://intranat.example/nyhet")
    return CommunicationAction.objects.create(staff=staff, **fields)


def make_link_collection(
    staff: Staff, links: list[tuple[str, str]] | None = None
) -> LinkCollection:
    collection = LinkCollection.objects.create(staff=staff, title="Samlad information")
    for i, (title, url) in enumerate(
        links or [("Samlingssida", "https://intranat.example/samling")]
    ):
        Link.objects.create(collection=collection, title=title, url=url, position=i)
    return collection


def make_spokesperson(staff: Staff, **fields: Any) -> Spokesperson:
    fields.setdefault("name", "Anna Exempel")
    fields.setdefault("title", "förvaltningschef")
    return Spokesperson.objects.create(staff=staff, **fields)


def browser_login(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state("networkidle")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.1 A and AA rules) on the page and return its violations."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]
