"""Reminders before things fall due, one command for cron: each app registers what it reminds
about (reports their deadlines, the staff's tasks, agreement obligations)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.utils import timezone

from lagesbild.lib.dates import working_days_ahead


@dataclass(frozen=True)
class Window:
    """What is due soon: report deadlines within `hours` of `now`; dated items by `until`."""

    now: datetime
    today: date
    hours: float
    until: date


# reminder(window) -> how many notifications it made
Reminder = Callable[[Window], int]
REMINDERS: dict[str, Reminder] = {}


def reminder(name: str) -> Callable[[Reminder], Reminder]:
    """Register a reminder (in the registering app's AppConfig.ready())."""

    def register(fn: Reminder) -> Reminder:
        REMINDERS[name] = fn
        return fn

    return register


def reminders_send(
    *, hours: float = 4.0, working_days: int | None = None, now: datetime | None = None
) -> dict[str, int]:
    """Run every registered reminder once; idempotent (each notification has its key)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    days = settings.REMINDER_WORKING_DAYS if working_days is None else working_days
    # The same calendar as the records clock: its holiday categories are the days off.
    until = working_days_ahead(today, days, tuple(settings.RECORDS_HOLIDAY_CATEGORIES))
    window = Window(now=now, today=today, hours=hours, until=until)
    return {name: fn(window) for name, fn in REMINDERS.items()}
