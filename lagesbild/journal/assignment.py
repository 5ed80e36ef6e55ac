"""Who hears that a task has a new owner: apps built on the journal register a listener (the
notifications app mails the owner), so the journal imports none of them."""

from collections.abc import Callable
from typing import Any

# listener(task=..., by=...): called inside the transaction that gave the task its owner.
Listener = Callable[..., None]
LISTENERS: list[Listener] = []


def on_task_assigned(listener: Listener) -> Listener:
    """Register a listener (in the registering app's AppConfig.ready())."""
    if listener not in LISTENERS:
        LISTENERS.append(listener)
    return listener


def task_assigned(*, task: Any, by: Any) -> None:
    for listener in LISTENERS:
        listener(task=task, by=by)
