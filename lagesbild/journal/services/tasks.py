"""The staff's questions and tasks: assignment, progress, status and reminders."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.journal.models import Task, TaskNote, TaskStatus
from lagesbild.search.services import search_update

# Reminders go out this many days before a task's due date (and on it).
REMIND_DAYS_BEFORE = 2


@transaction.atomic
def task_save(*, task: Task, by: User, changed: list[str] | None = None) -> Task:
    """Save a task; a new owner or status is noted in its log."""
    if task.status == TaskStatus.DROPPED and not task.drop_reason.strip():
        raise ValidationError({"drop_reason": _("Skriv varför frågan avförs.")})
    created = task.pk is None
    if created:
        task.created_by = by
    task.save()
    changed = changed or []
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


def tasks_needing_reminder(*, today: date | None = None) -> list[Task]:
    """Open tasks with an owner, due within REMIND_DAYS_BEFORE days, not yet reminded."""
    today = today or timezone.localdate()
    return [
        task
        for task in Task.objects.due_by(today + timedelta(days=REMIND_DAYS_BEFORE))
        .filter(owner__isnull=False)
        .select_related("owner", "staff")
        if task.reminded_for != task.due_date
    ]
