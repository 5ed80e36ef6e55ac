"""Reports in search: the published, frozen text for readers; drafts only for the staff."""

import re

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lagesbild.reports.models import Report, SeriesKind
from lagesbild.reports.rendering import report_render
from lagesbild.search.registry import Findable, searchable

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"(\*\*|__|^#+\s*|^\s*[-*]\s+)", re.MULTILINE)


def _plain(markdown: str) -> str:
    """The house-style Markdown as a reader sees it: no emphasis marks, links as their text."""
    return _MARKS.sub("", _LINK.sub(r"\1", markdown))


def _report(report: Report) -> Findable | None:
    if report.superseded_by is not None:
        return None  # a corrected version is found through its correction
    text = _plain(report_render(report).markdown())
    title = f"{report.title} nr {report.number}"
    if report.series.kind != SeriesKind.SITUATION:
        # "gemensam rapport", "beslutsunderlag": findable by what kind of document it is.
        text = f"{report.series.get_kind_display()}\n{text}"
    if report.is_published:
        return Findable(
            title,
            text,
            report.series.staff,
            "read_published",
            reverse("reports:report_detail", args=[report.pk]),
            report.published_at or report.compiled_at,
            is_public=report.series.is_public,
        )
    return Findable(
        f"{title} ({report.get_state_display().lower()})",
        text,
        report.series.staff,
        "read_drafts",
        reverse("reports:report_edit", args=[report.pk]),
        report.compiled_at,
    )


def register() -> None:
    searchable(
        "report",
        label=_("Rapporter"),
        model=Report,
        describe=_report,
        actions=["read_published", "read_drafts"],
        everything=lambda: Report.objects.select_related("series__staff"),
    )
