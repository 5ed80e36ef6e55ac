"""The staff's questions and tasks: assignment, progress, status and reminders."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.journal.assignment import task_assigned
from lagesbild.journal.models import Task, TaskNote, TaskStatus
from lagesbild.lib.dates import working_days_ahead
from lagesbild.search.services import search_update

# A task that was already this many days overdue when reminders started is not reminded:
# the start page marks it overdue; a mail about something weeks late helps nobody.
OVERDUE_DAYS = 7


@transaction.atomic
def task_save(*, task: Task, by: User, changed: list[str] | None = None) -> Task:
    """Save a task; a new owner or status is noted in its log."""
    if task.status == TaskStatus.DROPPED and not task.drop_reason.strip():
        raise ValidationError({"drop_reason": _("Skriv varför frågan avförs.")})
    created = task.pk is None
    if created:
        task.created_by = by
    changed = changed or []
    new_owner = task.owner_id is not None and (created or "owner" in changed)
    if new_owner:
        task.reminded_for = None  # the new owner is reminded too
    task.save()
    if "status" in changed and not created:
        TaskNote.objects.create(
            task=task,
            by=by,
            text=_("Status: %(status)s") % {"status": task.get_status_display()},
        )
    if "owner" in changed and task.owner and not created:
        TaskNote.objects.create(
            task=task,
            by=by,
            text=_("Ansvarig: %(name)s") % {"name": task.owner.display_name()},
        )
    search_update(obj=task)
    if new_owner:
        task_assigned(task=task, by=by)
    audit_record(
        actor=by,
        action="task_created" if created else "task_changed",
        obj=task,
        summary=task.title,
        details={"fields": changed},
    )
    return task


@transaction.atomic
def task_note_add(*, task: Task, by: User, text: str) -> TaskNote:
    if not text.strip():
        raise ValidationError({"text": _("Skriv en anteckning.")})
    note = TaskNote.objects.create(task=task, by=by, text=text.strip())
    search_update(obj=task)
    audit_record(actor=by, action="task_note", obj=task, summary=text[:150])
    return note


def tasks_needing_reminder(*, today: date | None = None, until: date | None = None) -> list[Task]:
    """Open tasks with an owner, due by `until` (and not long overdue), not yet reminded for
    their current due date. `until` defaults to REMINDER_WORKING_DAYS working days ahead."""
    today = today or timezone.localdate()
    until = until or working_days_ahead(
        today, settings.REMINDER_WORKING_DAYS, tuple(settings.RECORDS_HOLIDAY_CATEGORIES)
    )
    return list(
        Task.objects.due_by(until)
        .filter(owner__isnull=False, due_date__gte=today - timedelta(days=OVERDUE_DAYS))
        .exclude(reminded_for=F("due_date"))
        .select_related("owner", "staff")
    )


def task_reminded(*, task: Task) -> None:
    """Note that the owner was reminded for the task's current due date."""
    Task.objects.filter(pk=task.pk).update(reminded_for=task.due_date)
