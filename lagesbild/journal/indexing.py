"""The staff's own work in search: journal entries, questions and meeting minutes."""

from django.utils.translation import gettext_lazy as _

from lagesbild.journal.models import JournalEntry, Meeting, Task
from lagesbild.search.registry import Findable, searchable

READ = "read_journal"


def _entry(entry: JournalEntry) -> Findable:
    title = f"{entry.code} {entry.get_category_display()}: {entry.text.splitlines()[0][:120]}"
    return Findable(title, entry.text, entry.staff, READ, entry.get_absolute_url(), entry.event_at)


def _task(task: Task) -> Findable:
    body = "\n".join([task.description, *(n.text for n in task.notes.all())])
    return Findable(task.title, body, task.staff, READ, task.get_absolute_url(), task.created_at)


def _meeting(meeting: Meeting) -> Findable | None:
    if not meeting.minutes.strip():
        return None
    return Findable(
        f"{meeting}",
        meeting.minutes,
        meeting.staff,
        READ,
        meeting.get_absolute_url(),
        meeting.held_at,
    )


def register() -> None:
    searchable(
        "journal", label=_("Stabsjournal"), model=JournalEntry, describe=_entry, actions=[READ]
    )
    searchable("task", label=_("Frågor och uppgifter"), model=Task, describe=_task, actions=[READ])
    searchable("meeting", label=_("Stabsmöten"), model=Meeting, describe=_meeting, actions=[READ])
