"""Helpers for the reports tests: a series with the usual template and staff material."""

from typing import Any

from lagesbild.accounts.models import User
from lagesbild.reports import services
from lagesbild.reports.models import Report, ReportSection, ReportState, Series
from lagesbild.testing import make_series, make_spokesperson, make_template


def make_series_with_template(**fields: Any) -> Series:
    series = make_series(**fields)
    make_spokesperson(series.staff)
    make_template(series)
    return series


def make_report_in_state(state: str, *, by: User, series: Series | None = None) -> Report:
    """A report created through the services and moved along the workflow to `state`."""
    series = series or make_series_with_template()
    report = services.report_create_next(series=series, by=by)
    path = [ReportState.REVIEW, ReportState.APPROVED, ReportState.PUBLISHED]
    moves = {
        ReportState.REVIEW: services.report_submit_for_review,
        ReportState.APPROVED: services.report_approve,
        ReportState.PUBLISHED: services.report_publish,
    }
    for step in path[: path.index(state) + 1] if state != ReportState.DRAFT else []:
        moves[step](report=report, by=by)
    report.refresh_from_db()
    return report


def first_text_section(report: Report) -> ReportSection:
    return report.sections.filter(kind="text").order_by("position").first()  # type: ignore[return-value]
