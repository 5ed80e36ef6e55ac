"""The start page: the series the visitor may read, and for writers the reports in progress."""

from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lagesbild.accounts.permissions import may, staffs_for
from lagesbild.reports.models import Report, ReportState, Series


def index(request: HttpRequest) -> HttpResponse:
    """Anonymous visitors see public series only, or are sent to log in when there are none."""
    user = request.user
    series = Series.objects.select_related("staff")
    if not user.is_authenticated:
        series = series.filter(is_public=True)
        if not series.exists():
            return redirect_to_login(request.get_full_path())
    else:
        # Members read their staffs' series; public series are open to every visitor.
        series = series.filter(Q(staff__in=staffs_for(user, "read_published")) | Q(is_public=True))
    drafts_in = set(staffs_for(user, "read_drafts").values_list("pk", flat=True))
    create_in = set(staffs_for(user, "create_report").values_list("pk", flat=True))
    may_drafts = bool(drafts_in)
    if may_drafts:
        series = series.prefetch_related(
            Prefetch(
                "reports",
                queryset=Report.objects.exclude(state=ReportState.PUBLISHED)
                .filter(series__staff__in=drafts_in)
                .order_by("-number", "-version"),
                to_attr="in_progress",
            )
        )
    rows = []
    for s in series:
        latest = s.reports.published().current_versions().order_by("-published_at").first()
        rows.append(
            {
                "series": s,
                "latest": latest,
                "in_progress": getattr(s, "in_progress", []),
                "may_drafts": s.staff_id in drafts_in,
                "may_create": s.staff_id in create_in,
            }
        )
    no_access = user.is_authenticated and not may(user, "read_published")
    return render(
        request,
        "reports/index.html",
        {"rows": rows, "may_drafts": may_drafts, "no_access": no_access},
    )
