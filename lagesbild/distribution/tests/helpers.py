"""make_* helpers for distribution tests."""

from itertools import count
from typing import Any

from django.utils import timezone

from lagesbild.distribution.models import DistributionList, Recipient, SeriesDistribution
from lagesbild.reports.models import Report, ReportState, Series
from lagesbild.staff.models import Staff
from lagesbild.testing import make_report, make_series

_n = count(1)


def make_list(
    staff: Staff, name: str | None = None, recipients: list[tuple[str, str]] | int = 0
) -> DistributionList:
    """A list with recipients given as (name, email) pairs, or a number of made-up ones."""
    lst = DistributionList.objects.create(staff=staff, name=name or f"Lista {next(_n)}")
    if isinstance(recipients, int):
        recipients = [(f"Person {i}", f"person{i}@{lst.pk}.example.se") for i in range(recipients)]
    Recipient.objects.bulk_create(
        Recipient(distribution_list=lst, name=n, email=e, organisation="Regionen")
        for n, e in recipients
    )
    return lst


def make_distributed_series(
    lists: list[DistributionList], *, attach_pdf: bool = False, **fields: Any
) -> Series:
    series = make_series(staff=lists[0].staff if lists else None, **fields)
    config = SeriesDistribution.objects.create(series=series, attach_pdf=attach_pdf)
    config.lists.set(lists)
    return series


def make_approved_report(series: Series, **fields: Any) -> Report:
    fields.setdefault(
        "sections",
        [
            ("Sammanfattande lägesbild", "- Läget är **stabilt**.\n  - Vården fungerar."),
            ("Samlad information", "- [Samlingssida](https://intranat.example/samling)"),
        ],
    )
    return make_report(series, state=ReportState.APPROVED, **fields)


def make_published_report(series: Series, **fields: Any) -> Report:
    report = make_approved_report(series, **fields)
    Report.objects.filter(pk=report.pk).update(
        state=ReportState.PUBLISHED, published_at=timezone.now()
    )
    report.refresh_from_db()
    return report


def pg_disconnect_others() -> None:
    """End every other session on the current PostgreSQL database (subprocesses a test started)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
