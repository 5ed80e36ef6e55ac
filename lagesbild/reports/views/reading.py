"""Reading reports: the report page, what changed, the series archive and its Atom feed."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from lagesbild.accounts.permissions import check_staff, may, may_map
from lagesbild.reports.diff import report_diff
from lagesbild.reports.feeds import SeriesFeed
from lagesbild.reports.models import Report, ReportQuerySet, ReportSection, Series, SeriesKind
from lagesbild.reports.rendering import report_render

ARCHIVE_PAGE_SIZE = 20
View = Callable[..., HttpResponse]


def public_or_require(action: str) -> Callable[[View], View]:
    """Like `require`, but every visitor passes; the view decides per series.

    Public series need no membership, so the right can only be checked in the series' staff:
    the view must call `_admit_anonymous` (or `readable_report`), which sends anonymous
    visitors of non-public series to the login page and checks `action` in the staff.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class _LoginRequired(Exception):
    pass


def _admit_anonymous(request: HttpRequest, series: Series) -> None:
    """Public series are open to all; others need read_published in the series' staff."""
    if series.is_public:
        return
    if not request.user.is_authenticated:
        raise _LoginRequired
    check_staff(request, "read_published", series.staff)


def readable_report(request: HttpRequest, pk: int) -> Report:
    """The report if this visitor may read it in its staff; a draft they may not read is 404."""
    report = get_object_or_404(
        Report.objects.select_related("series", "series__staff", "corrects"), pk=pk
    )
    if report.is_published:
        _admit_anonymous(request, report.series)
        return report
    if not request.user.is_authenticated:
        raise _LoginRequired
    # The reading address never confirms that a draft exists to someone who may not see it.
    if not may(request.user, "read_drafts", report.series.staff):
        raise Http404
    return report


def login_on_refusal(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _LoginRequired:
            return redirect_to_login(request.get_full_path())

    return wrapped


def published_current(series: Series) -> ReportQuerySet:
    """The series' published reports that no published correction has replaced."""
    return Report.objects.filter(series=series).published().current_versions()


def report_previous(report: Report) -> Report | None:
    """The published report before this one (an earlier number, latest compiled)."""
    return (
        published_current(report.series)
        .filter(number__lt=report.number)
        .order_by("-compiled_at", "-number")
        .first()
    )


def report_next(report: Report) -> Report | None:
    return (
        published_current(report.series)
        .filter(number__gt=report.number)
        .order_by("compiled_at", "number")
        .first()
    )


def report_current_version(report: Report) -> Report | None:
    """The newest published correction that replaces this report, or None if it is current."""
    current = None
    step = report.superseded_by
    while step is not None:
        current = step
        step = step.superseded_by
    return current


@public_or_require("read_published")
@login_on_refusal
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = readable_report(request, pk)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "may": may_map(request.user, report.series.staff),
            "rendered": report_render(report),
            "is_draft": not report.is_published,
            "is_joint": report.series.kind == SeriesKind.JOINT_REPORT,
            "superseded_by": report_current_version(report),
            "previous": report_previous(report),
            "next": report_next(report),
        },
    )


@public_or_require("read_published")
@login_on_refusal
def report_changes(request: HttpRequest, pk: int) -> HttpResponse:
    """Compare with the previous published report, or with ?mot=<pk> from the same series."""
    report = readable_report(request, pk)
    base: Report | None
    if against := request.GET.get("mot", "").strip():
        if not against.isdigit():
            raise Http404
        base = readable_report(request, int(against))
        if base.series_id != report.series_id:
            raise Http404
    else:
        base = report_previous(report)
    base_rendered = report_render(base) if base else None
    rendered = report_render(report)
    diffs = report_diff(base_rendered, rendered)
    counts = {
        status: sum(1 for d in diffs if d.status == status)
        for status in ("changed", "added", "removed", "unchanged")
    }
    return render(
        request,
        "reports/report_changes.html",
        {
            "report": report,
            "base": base,
            "base_rendered": base_rendered,
            "rendered": rendered,
            "diffs": diffs,
            "counts": counts,
            "is_draft": not report.is_published,
        },
    )


class ArchiveSearchForm(forms.Form):
    q = forms.CharField(label=_("Sökord"), required=False, max_length=200)
    fran = forms.DateField(
        label=_("Sammanställd från och med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD.")},
    )
    till = forms.DateField(
        label=_("Sammanställd till och med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("fran"), data.get("till")
        if start and end and end < start:
            self.add_error("till", _("Till-datumet kan inte vara före från-datumet."))
        return data


def _word_filter(word: str) -> Q:
    """Reports whose title, section text or chosen actions contain the word."""
    # SQLite compares only ASCII letters case-insensitively, so "ÄNDRING" would miss "ändring";
    # trying the usual spellings of the word covers Swedish letters on every database.
    found = Q()
    for variant in {word, word.lower(), word.upper(), word.capitalize()}:
        sections = ReportSection.objects.filter(
            Q(body__icontains=variant)
            | Q(heading__icontains=variant)
            | Q(actions__title__icontains=variant)
        ).values("report_id")
        found |= Q(title__icontains=variant) | Q(pk__in=sections)
    return found


def archive_search(
    reports: ReportQuerySet, *, words: str = "", start: Any = None, end: Any = None
) -> ReportQuerySet:
    """Narrow reports to those containing every word and compiled within the dates."""
    for word in words.split()[:10]:
        reports = reports.filter(_word_filter(word))
    if start:
        reports = reports.filter(compiled_at__date__gte=start)
    if end:
        reports = reports.filter(compiled_at__date__lte=end)
    return reports


@public_or_require("read_published")
@login_on_refusal
def archive(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(Series.objects.select_related("staff"), slug=slug)
    _admit_anonymous(request, series)
    form = ArchiveSearchForm(request.GET or None)
    reports = published_current(series)
    searching = False
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        searching = bool(data["q"].strip() or data["fran"] or data["till"])
        reports = archive_search(reports, words=data["q"], start=data["fran"], end=data["till"])
    elif form.is_bound:
        reports = reports.none()
    reports = reports.order_by("-number", "-version")
    page = Paginator(reports, ARCHIVE_PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(
        request,
        "reports/archive.html",
        {"series": series, "form": form, "page": page, "searching": searching},
    )


@public_or_require("read_published")
@login_on_refusal
def feed(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(Series, slug=slug)
    _admit_anonymous(request, series)
    return SeriesFeed()(request, slug=slug)
