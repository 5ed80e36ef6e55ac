"""Swedish date and time formats used in reports, and Swedish working days."""

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone


def compiled_at_text(moment: datetime) -> str:
    """The house style's stamp, e.g. "2025-02-27 klockan 08.30", in local time."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{local:%Y-%m-%d} klockan {local:%H.%M}"


def short_stamp(moment: datetime) -> str:
    """E.g. "2025-02-27 08.30", for subjects and lists."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{local:%Y-%m-%d %H.%M}"


@lru_cache(maxsize=32)
def _holidays(year: int, categories: tuple[str, ...]) -> frozenset[date]:
    # include_sundays=False: the library otherwise lists every Sunday as a "holiday".
    days = holidays.Sweden(years=year, categories=categories, include_sundays=False)
    return frozenset(days)


def is_working_day(day: date, categories: tuple[str, ...] = ("public", "de_facto")) -> bool:
    """Monday to Friday and not a Swedish public holiday (nor, by default, a holiday eve)."""
    return day.weekday() < 5 and day not in _holidays(day.year, categories)


def working_days_ahead(
    day: date, count: int, categories: tuple[str, ...] = ("public", "de_facto")
) -> date:
    """The day `count` working days after `day` (Thursday + 2 is Monday)."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day, categories):
            count -= 1
    return day
