"""Requests per week: how many, median and longest working hours to decision, share same day."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from statistics import median

from django.utils import timezone

from lagesbild.records.models import RecordsRequest


@dataclass(frozen=True)
class WeekRow:
    year: int
    week: int
    monday: date
    received: int
    decided: int
    median_hours: float | None
    longest_hours: float | None
    same_day_share: float | None  # 0..1 of the decided ones

    @property
    def label(self) -> str:
        return f"{self.year} v. {self.week}"


@dataclass(frozen=True)
class OpenRow:
    request: RecordsRequest
    age_hours: float
    deadline: datetime
    status: str


def open_rows(requests: Iterable[RecordsRequest], now: datetime | None = None) -> list[OpenRow]:
    """Open requests with their clock, oldest receipt first."""
    now = now or timezone.now()
    rows = [OpenRow(r, r.age_hours(now), r.deadline(), r.clock_status(now)) for r in requests]
    return sorted(rows, key=lambda row: (row.request.received_at, row.request.pk))


def weekly(requests: Iterable[RecordsRequest]) -> list[WeekRow]:
    """One row per ISO week of receipt, newest week first."""
    weeks: dict[tuple[int, int], list[RecordsRequest]] = {}
    for request in requests:
        iso = timezone.localtime(request.received_at).isocalendar()
        weeks.setdefault((iso.year, iso.week), []).append(request)
    rows = []
    for (year, week), members in sorted(weeks.items(), reverse=True):
        decided = [r for r in members if r.decided_at]
        hours = [r.age_hours() for r in decided]
        rows.append(
            WeekRow(
                year=year,
                week=week,
                monday=date.fromisocalendar(year, week, 1),
                received=len(members),
                decided=len(decided),
                median_hours=round(median(hours), 1) if hours else None,
                longest_hours=round(max(hours), 1) if hours else None,
                same_day_share=(
                    sum(r.decided_same_day() for r in decided) / len(decided) if decided else None
                ),
            )
        )
    return rows
