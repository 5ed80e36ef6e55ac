"""Staff meetings: an agenda from what is new since the last one, minutes into the journal."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.journal.agenda import CONTRIBUTORS, AgendaItem, AgendaSection
from lagesbild.journal.models import Category, JournalEntry, Meeting, Task, TaskStatus
from lagesbild.journal.services.journal import entry_add
from lagesbild.search.services import search_update

# Tasks due within this many days after the meeting are on its agenda.
AGENDA_DUE_DAYS = 7


@dataclass
class Agenda:
    since: datetime
    sections: list[AgendaSection]


def _task_item(task: Task, today: object) -> AgendaItem:
    owner = task.owner.display_name() if task.owner else "–"
    due = f", {task.due_date:%-d/%-m}" if task.due_date else ""
    return AgendaItem(
        text=f"{task.title} – {owner}{due}",
        url=task.get_absolute_url(),
        flag=_("försenad") if task.is_overdue() else "",
    )


def agenda_build(*, meeting: Meeting) -> Agenda:
    """1. Since the previous meeting (or two weeks, for the first). 2. The journal's key events
    and the tasks due, changed or waiting. 3. What the other apps contribute."""
    previous = (
        Meeting.objects.filter(staff=meeting.staff, held_at__lt=meeting.held_at)
        .order_by("-held_at")
        .first()
    )
    since = previous.held_at if previous else meeting.held_at - timedelta(days=14)
    staff, until = meeting.staff, meeting.held_at
    events = JournalEntry.objects.filter(
        staff=staff, key_event=True, event_at__gte=since, event_at__lt=until
    ).order_by("event_at")
    tasks = Task.objects.filter(staff=staff).select_related("owner")
    due = list(tasks.due_by(until.date() + timedelta(days=AGENDA_DUE_DAYS)))
    changed = tasks.filter(updated_at__gte=since, updated_at__lt=until).exclude(
        pk__in=[t.pk for t in due]
    )
    today = timezone.localdate()
    sections = [
        AgendaSection(
            _("Nyckelhändelser i journalen"),
            [
                AgendaItem(
                    f"{e.code} {timezone.localtime(e.event_at):%-d/%-m %H.%M}: {e.text[:140]}",
                    e.get_absolute_url(),
                )
                for e in events
            ],
        ),
        AgendaSection(_("Frågor som förfaller inom en vecka"), [_task_item(t, today) for t in due]),
        AgendaSection(_("Frågor som har ändrats"), [_task_item(t, today) for t in changed]),
        AgendaSection(
            _("Frågor som väntar på beslut"),
            [_task_item(t, today) for t in tasks.filter(status=TaskStatus.WAITING)],
        ),
    ]
    for contribute in CONTRIBUTORS:
        sections.extend(contribute(staff, since, until))
    return Agenda(since=since, sections=sections)


@transaction.atomic
def meeting_save(*, meeting: Meeting, by: User) -> Meeting:
    if meeting.pk and Meeting.objects.filter(pk=meeting.pk, closed_at__isnull=False).exists():
        raise ValidationError(_("Protokollet är fastställt och kan inte ändras."))
    created = meeting.pk is None
    meeting.save()
    search_update(obj=meeting)
    audit_record(
        actor=by,
        action="meeting_created" if created else "meeting_changed",
        obj=meeting,
        summary=str(meeting),
    )
    return meeting


@transaction.atomic
def minutes_close(*, meeting: Meeting, by: User) -> JournalEntry:
    """Fix the minutes; they land in the journal as a meeting entry that links the meeting."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.closed_at is not None:
        raise ValidationError(_("Protokollet är redan fastställt."))
    if not meeting.minutes.strip():
        raise ValidationError({"minutes": _("Skriv protokollet innan det fastställs.")})
    entry = entry_add(
        staff=meeting.staff,
        by=by,
        category=Category.MEETING,
        text=_("Protokoll, %(title)s:\n\n%(minutes)s")
        % {"title": meeting.title, "minutes": meeting.minutes.strip()},
        event_at=min(meeting.held_at, timezone.now()),
        key_event=True,
        links=[meeting],
    )
    meeting.closed_at = timezone.now()
    meeting.journal_entry = entry
    meeting.save(update_fields=["closed_at", "journal_entry"])
    search_update(obj=meeting)
    audit_record(actor=by, action="meeting_closed", obj=meeting, summary=str(meeting))
    return entry
