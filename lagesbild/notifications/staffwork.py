"""What a person is told about the staff's own work: a task laid on them, and its due date
coming near. Lives here because the journal sits below notifications (it imports neither)."""

from typing import Any

from lagesbild.journal.assignment import on_task_assigned
from lagesbild.journal.models import Task
from lagesbild.journal.services.tasks import task_reminded, tasks_needing_reminder
from lagesbild.notifications.models import Kind
from lagesbild.notifications.reminders import Window, reminder
from lagesbild.notifications.services import notification_send


def _params(task: Task, by: Any = None) -> dict[str, object]:
    return {
        "task": task.title,
        "due": f"{task.due_date:%Y-%m-%d}" if task.due_date else "",
        "by": by.display_name() if by else "",
    }


@on_task_assigned
def tell_task_owner(*, task: Task, by: Any) -> None:
    """The new owner is told (never when they took the task themselves)."""
    notification_send(
        recipients=[task.owner],
        kind=Kind.TASK_ASSIGNED,
        staff=task.staff,
        params=_params(task, by),
        url=task.get_absolute_url(),
        # Each assignment is its own event: A, then B, then A again tells A twice.
        key=f"task_assigned:{task.pk}:{task.owner_id}:{task.updated_at.isoformat()}",
        actor=by,
    )


@reminder("tasks")
def task_due_reminders(window: Window) -> int:
    """Remind owners of open tasks due by the window's end, once per task and due date."""
    told = 0
    for task in tasks_needing_reminder(today=window.today, until=window.until):
        told += len(
            notification_send(
                recipients=[task.owner],
                kind=Kind.TASK_DUE,
                staff=task.staff,
                params=_params(task),
                url=task.get_absolute_url(),
                key=f"task_due:{task.pk}:{task.due_date}",
            )
        )
        task_reminded(task=task)
    return told
