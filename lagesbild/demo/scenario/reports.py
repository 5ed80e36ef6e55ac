"""The regional report series: its template, communication actions, links, reports and a draft.

Reports are made with the models directly (not reports.services) so the demo can give them
past dates: each published report is the previous one with the sections it changes, numbered
1..N, with the transitions draft → review → approved → published a little after compilation.
"""

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from lagesbild.accounts.models import AuditEntry, User
from lagesbild.accounts.services import audit_record
from lagesbild.communications.models import CommunicationAction, Link, LinkCollection
from lagesbild.demo.scenario import reports_texts as texts
from lagesbild.reports.models import (
    Report,
    ReportKind,
    ReportSection,
    ReportState,
    ReportTransition,
    SectionKind,
    SectionStatus,
    Series,
    TemplateSection,
)
from lagesbild.reports.rendering import sections_freeze
from lagesbild.reports.services import notifying
from lagesbild.staff.models import Staff

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONTHS = (
    "januari februari mars april maj juni juli augusti september oktober november december"
).split()
MEETING_DAYS = (0, 2, 4)  # the staff meets Monday, Wednesday and Friday
ACTIONS_IN_REPORT = 4
ACTIONS_IN_DRAFT = 5

# The real report's structure, in its order.
TEMPLATE = [
    (texts.SUMMARY, 2, SectionKind.TEXT, ""),
    (texts.COMMS, 2, SectionKind.TEXT, ""),
    (texts.COMMENT, 2, SectionKind.TEXT, ""),
    (texts.ACTIONS, 2, SectionKind.ACTIONS, ""),
    ("Samlad information", 3, SectionKind.LINKS, ""),
    (texts.SPOKESPERSON, 2, SectionKind.SPOKESPERSONS, ""),
    (texts.ABOUT_STAFF_HEADING, 2, SectionKind.STANDING, texts.ABOUT_STAFF),
    ("", 2, SectionKind.STANDING, texts.ABOUT),
    ("", 2, SectionKind.STANDING, texts.FOOTER),
]

# Who writes what: the operations' comment comes from the contributor, the rest from the editor.
WRITERS = {texts.COMMENT: "skribent"}

# The draft as the editor finds it: summary rewritten, comment and communication still to do.
DRAFT_STATUS = {
    texts.SUMMARY: SectionStatus.WRITTEN,
    texts.COMMENT: SectionStatus.TO_WRITE,
    texts.COMMS: SectionStatus.TO_WRITE,
}

# (from, to, audit action, who, minutes after the compilation time, note)
STEPS = [
    (ReportState.DRAFT, ReportState.REVIEW, "submit", "redaktor", 10, ""),
    (ReportState.REVIEW, ReportState.APPROVED, "approve", "stabschef", 35, ""),
    (ReportState.APPROVED, ReportState.PUBLISHED, "publish", "redaktor", 45, ""),
]


class Days(dict[str, str]):
    """Anchored days: "E-11" → a date; as a format mapping "{E-11}" → "3 mars".

    E is the Monday of the extra report, so E-based days have fixed weekdays. The others move
    with today: T today, L the latest report (a meeting day before today), P the workday before
    L; a day counted from them that falls on a weekend moves on to the Monday. "{E-4~E-3}" is a
    range, "12–13 mars".
    """

    def __init__(self, today: date) -> None:
        super().__init__()
        latest = today - timedelta(days=1)
        while latest.weekday() not in MEETING_DAYS:
            latest -= timedelta(days=1)
        before = latest - timedelta(days=3 if latest.weekday() == 0 else 1)
        extra = today - timedelta(days=5)
        extra -= timedelta(days=extra.weekday())
        self.anchors = {"T": today, "L": latest, "P": before, "E": extra}

    def day(self, key: str) -> date:
        offset = int(key[1:] or 0)
        day = self.anchors[key[0]] + timedelta(days=offset)
        if key[0] != "E" and offset and day.weekday() > 4:
            day += timedelta(days=7 - day.weekday())
        return day

    def at(self, key: str, clock: str) -> datetime:
        hour, minute = (int(part) for part in clock.split("."))
        return datetime.combine(self.day(key), time(hour, minute), tzinfo=STOCKHOLM)

    def __missing__(self, key: str) -> str:
        if "~" in key:
            first, last = (self.day(k) for k in key.split("~"))
            if (first.year, first.month) == (last.year, last.month):
                return f"{first.day}–{last.day} {MONTHS[last.month - 1]}"
            return f"{self[key.split('~')[0]]}–{self[key.split('~')[1]]}"
        day = self.day(key)
        return f"{day.day} {MONTHS[day.month - 1]}"


def draft_deadline(usual: datetime, now: datetime | None = None) -> datetime:
    """The usual deadline, or three hours from now on the half hour if that has passed."""
    now = now or timezone.now()
    if usual - now >= timedelta(hours=1):
        return usual
    later = timezone.localtime(now + timedelta(hours=3))
    return later.replace(minute=30 if later.minute < 30 else 0, second=0, microsecond=0) + (
        timedelta(hours=1) if later.minute >= 30 else timedelta()
    )


def load(ctx: dict[str, Any]) -> None:
    staff: Staff = ctx["staff"]
    users: dict[str, User] = ctx["users"]
    days = Days(timezone.localdate())
    collection = LinkCollection.objects.create(staff=staff, title="Samlad information")
    for position, (title, url) in enumerate(texts.LINKS):
        Link.objects.create(collection=collection, title=title, url=url, position=position)
    for day, channel, title, url, description in texts.COMMUNICATION_ACTIONS:
        CommunicationAction.objects.create(
            staff=staff,
            date=days.day(day),
            channel=channel,
            title=title,
            url=url,
            description=description,
        )
    series = Series.objects.create(
        staff=staff,
        title="Regional rapport Samordning vårdinformationssystem",
        slug="regional-rapport",
        description=(
            "Samlad lägesbild från den regionala samordningsstaben under pausen i införandet "
            "av det nya vårdinformationssystemet."
        ),
        is_public=False,
    )
    for position, (heading, level, kind, body) in enumerate(TEMPLATE):
        TemplateSection.objects.create(
            series=series,
            position=position,
            heading=heading,
            level=level,
            kind=kind,
            body=body,
            link_collection=collection if kind == SectionKind.LINKS else None,
        )

    bodies: dict[str, str] = {}
    reports = []
    for number, issue in enumerate(texts.PUBLISHED, start=1):
        bodies.update({h: text.format_map(days) for h, text in issue["texts"].items()})
        report = _report(series, number, issue, days, bodies, collection, users)
        _publish(report, issue, users)
        reports.append(report)

    issue = texts.DRAFT
    bodies.update({h: text.format_map(days) for h, text in issue["texts"].items()})
    draft = _report(series, len(reports) + 1, issue, days, bodies, collection, users)
    # The stamp follows the deadline, as for a report started with "Ny rapport".
    draft.deadline = draft.compiled_at = draft_deadline(days.at(issue["day"], issue["deadline"]))
    draft.save(update_fields=["deadline", "compiled_at"])
    # The writers find their part of the draft on the start page (and in their mailbox).
    for section in draft.sections.filter(status=SectionStatus.TO_WRITE).select_related("report"):
        notifying.notify_section_assigned(section=section, by=users["redaktor"])
    ctx.update(series=series, reports=reports, draft=draft, link_collection=collection)


def _report(
    series: Series,
    number: int,
    issue: dict[str, Any],
    days: Days,
    bodies: dict[str, str],
    collection: LinkCollection,
    users: dict[str, User],
) -> Report:
    """One report with every template section; text sections get the bodies known so far."""
    compiled_at = days.at(issue["day"], issue["at"])
    is_draft = "deadline" in issue
    report = Report.objects.create(
        series=series,
        number=number,
        kind=issue.get("kind", ReportKind.ORDINARY),
        title=series.title,
        compiled_at=compiled_at,
        created_by=users["redaktor"],
    )
    recent = CommunicationAction.objects.filter(
        staff=series.staff, date__lte=compiled_at.date()
    ).order_by("-date", "-id")[: ACTIONS_IN_DRAFT if is_draft else ACTIONS_IN_REPORT]
    for position, (heading, level, kind, body) in enumerate(TEMPLATE):
        status = SectionStatus.APPROVED
        if is_draft:
            status = DRAFT_STATUS.get(heading, SectionStatus.APPROVED)
        writer = users[WRITERS.get(heading, "redaktor")] if heading else None
        section = ReportSection.objects.create(
            report=report,
            position=position,
            heading=heading,
            level=level,
            kind=kind,
            body=bodies.get(heading, body),
            link_collection=collection if kind == SectionKind.LINKS else None,
            assignee=writer if kind in (SectionKind.TEXT, SectionKind.ACTIONS) else None,
            status=status,
            updated_by=None if status == SectionStatus.TO_WRITE else writer,
        )
        if kind == SectionKind.ACTIONS:
            section.actions.set(recent)
        elif kind == SectionKind.SPOKESPERSONS:
            section.spokespersons.set(series.staff.spokespersons.all())
    # A published report was started when the previous one was out; a draft is started now.
    started = min(compiled_at - timedelta(hours=5), timezone.now())
    Report.objects.filter(pk=report.pk).update(created_at=started)
    if not is_draft:
        report.sections.update(updated_at=compiled_at - timedelta(minutes=20))
    _audit(users["redaktor"], "report.create", report, f"Skapade nr {number}", started)
    return report


def _publish(report: Report, issue: dict[str, Any], users: dict[str, User]) -> None:
    steps = list(STEPS)
    if sent_back := issue.get("sent_back"):
        # The staff lead asked for one more figure before approving.
        steps[1:1] = [
            (ReportState.REVIEW, ReportState.DRAFT, "send_back", "stabschef", 20, sent_back),
            (ReportState.DRAFT, ReportState.REVIEW, "submit", "redaktor", 28, ""),
        ]
    for from_state, to_state, action, username, minutes, note in steps:
        at = report.compiled_at + timedelta(minutes=minutes)
        user = users[username]
        ReportTransition.objects.create(
            report=report,
            from_state=from_state,
            to_state=to_state,
            by=user,
            by_label=user.display_name(),
            at=at,
            note=note,
        )
        summary = f"{ReportState(from_state).label} → {ReportState(to_state).label}"
        _audit(user, f"report.{action}", report, summary + (f": {note}" if note else ""), at)
    report.state = ReportState.PUBLISHED
    report.published_at = report.compiled_at + timedelta(minutes=steps[-1][4])
    report.save(update_fields=["state", "published_at"])
    sections_freeze(report)


def _audit(user: User, action: str, report: Report, summary: str, at: datetime) -> None:
    entry = audit_record(actor=user, action=action, obj=report, summary=summary)
    AuditEntry.objects.filter(pk=entry.pk).update(at=at)
