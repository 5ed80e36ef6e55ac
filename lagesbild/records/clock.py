"""The records clock: working hours between two moments, and the same-working-day deadline.

Rules (see docs/records.md):
- A working day is Monday to Friday that is not a Swedish public holiday. The eves that
  Swedish public employers treat as days off (Midsommarafton, Julafton, Nyårsafton; the
  holiday library's "de_facto" category) are not working days either. Klämdagar and the
  half days before a holiday are ordinary working days. The categories are a setting.
- Working time is the office hours of a working day (default 08:00–16:30, local time).
- The deadline is the close of office hours on the day of receipt if that is a working day and
  the request came in before closing; otherwise the close of the next working day.
- Warning when the deadline is less than `warn_minutes` of working time away; overdue after it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

OK, WARNING, OVERDUE = "ok", "warning", "overdue"
DEFAULT_CATEGORIES = ("public", "de_facto")


@dataclass(frozen=True)
class OfficeHours:
    opens: time = time(8, 0)
    closes: time = time(16, 30)
    warn_minutes: int = 60
    tz: str = "Europe/Stockholm"
    holiday_categories: tuple[str, ...] = DEFAULT_CATEGORIES

    @classmethod
    def parse(
        cls,
        hours: str,
        *,
        warn_minutes: int = 60,
        tz: str = "Europe/Stockholm",
        holiday_categories: tuple[str, ...] = DEFAULT_CATEGORIES,
    ) -> "OfficeHours":
        """From "08:00-16:30"; raises ValueError on anything else."""
        start, _sep, end = hours.replace("–", "-").partition("-")
        opens, closes = time.fromisoformat(start.strip()), time.fromisoformat(end.strip())
        if opens >= closes:
            raise ValueError(f"office hours must open before they close: {hours!r}")
        return cls(opens, closes, warn_minutes, tz, holiday_categories)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in swedish_holidays(day.year, self.holiday_categories)

    def next_working_day(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day


@lru_cache(maxsize=64)
def swedish_holidays(
    year: int, categories: tuple[str, ...] = DEFAULT_CATEGORIES
) -> dict[date, str]:
    """Swedish holidays of a year with their Swedish names."""
    # include_sundays=False: the library otherwise lists every Sunday as a "holiday".
    days = holidays.Sweden(years=year, categories=categories, language="sv", include_sundays=False)
    return dict(days.items())


def _local(moment: datetime, hours: OfficeHours) -> datetime:
    return moment.astimezone(ZoneInfo(hours.tz))


def _at(day: date, clock: time, hours: OfficeHours) -> datetime:
    return datetime.combine(day, clock, tzinfo=ZoneInfo(hours.tz))


def deadline(received_at: datetime, hours: OfficeHours) -> datetime:
    """The close of office hours on the working day a decision is due."""
    local = _local(received_at, hours)
    day = local.date()
    if hours.is_working_day(day) and local.time() < hours.closes:
        return _at(day, hours.closes, hours)
    return _at(hours.next_working_day(day), hours.closes, hours)


def working_seconds(start: datetime, end: datetime, hours: OfficeHours) -> int:
    """Seconds of office hours on working days between two moments (0 if end is before start)."""
    if end <= start:
        return 0
    a, b = _local(start, hours), _local(end, hours)
    total = 0.0
    day = a.date()
    while day <= b.date():
        if hours.is_working_day(day):
            lo = max(a, _at(day, hours.opens, hours))
            hi = min(b, _at(day, hours.closes, hours))
            if hi > lo:
                total += (hi - lo).total_seconds()
        day += timedelta(days=1)
    return int(total)


def working_hours(start: datetime, end: datetime, hours: OfficeHours) -> float:
    return working_seconds(start, end, hours) / 3600


def status(received_at: datetime, now: datetime, hours: OfficeHours) -> str:
    """OK, WARNING (the end of the deadline day approaches) or OVERDUE."""
    due = deadline(received_at, hours)
    if now >= due:
        return OVERDUE
    if working_seconds(now, due, hours) <= hours.warn_minutes * 60:
        return WARNING
    return OK
