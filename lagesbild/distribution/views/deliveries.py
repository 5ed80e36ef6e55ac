"""A report's deliveries: counts, failures, resending, deciding uncertain ones; its PDF."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lagesbild.accounts.permissions import check_staff, may_map, require
from lagesbild.distribution.models import Delivery, DeliveryState, Dispatch
from lagesbild.distribution.services import (
    DistributionError,
    deliveries_mark_sent,
    deliveries_resend,
    delivery_counts,
    report_distribute,
    report_publish_and_distribute,
)
from lagesbild.distribution.services.messages import pdf_filename
from lagesbild.distribution.services.senders import worker_needed, workers_alive
from lagesbild.lib.pdf import render_report_pdf
from lagesbild.reports.models import Report, ReportState
from lagesbild.reports.rendering import report_render
from lagesbild.reports.views.reading import login_on_refusal, public_or_require, readable_report


def _report(request: HttpRequest, pk: int, action: str) -> Report:
    report = get_object_or_404(Report.objects.select_related("series__staff"), pk=pk)
    check_staff(request, action, report.series.staff)
    return report


@require("read_deliveries")
def report_deliveries(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "read_deliveries")
    problems = Delivery.objects.filter(
        report=report,
        state__in=[DeliveryState.FAILED, DeliveryState.UNCERTAIN, DeliveryState.QUEUED],
    ).exclude(state=DeliveryState.QUEUED, attempts=0, smtp_response="")[:1000]
    return render(
        request,
        "distribution/report_deliveries.html",
        {
            "report": report,
            "counts": delivery_counts(report=report),
            "problems": problems,
            "dispatches": Dispatch.objects.filter(report=report).prefetch_related("lists"),
            "config": getattr(report.series, "distribution", None),
            "worker_missing": worker_needed() and not workers_alive(),
            "may": may_map(request.user, report.series.staff),
        },
    )


@require("publish_report")
@require_POST
def report_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish an approved report and send it, or send a published one that was never sent."""
    report = _report(request, pk, "publish_report")
    try:
        if report.state == ReportState.APPROVED:
            dispatch = report_publish_and_distribute(report=report, by=request.user)  # type: ignore[arg-type]
        else:
            dispatch = report_distribute(report=report, by=request.user)  # type: ignore[arg-type]
    except Exception as exc:  # ReportError / DistributionError carry Swedish messages
        from lagesbild.reports.services import ReportError

        if not isinstance(exc, ReportError | DistributionError):
            raise
        messages.error(request, str(exc))
    else:
        if dispatch is None:
            messages.info(
                request, _("Rapporten är publicerad. Serien har inga sändlistor, så inget skickas.")
            )
        else:
            messages.success(request, _("Rapporten skickas nu i bakgrunden."))
    return redirect("distribution:report_deliveries", pk=report.pk)


@require("manage_distribution")
@require_POST
def report_resend(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "manage_distribution")
    state = (
        DeliveryState.UNCERTAIN
        if request.POST.get("state") == "uncertain"
        else DeliveryState.FAILED
    )
    count = deliveries_resend(report=report, by=request.user, states=[state])  # type: ignore[arg-type]
    messages.success(request, _("%(n)s utskick ligger i kön igen.") % {"n": count})
    return redirect("distribution:report_deliveries", pk=report.pk)


@require("manage_distribution")
@require_POST
def report_mark_sent(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "manage_distribution")
    count = deliveries_mark_sent(report=report, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("%(n)s osäkra utskick är markerade som skickade.") % {"n": count})
    return redirect("distribution:report_deliveries", pk=report.pk)


@public_or_require("read_published")
@login_on_refusal
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF for whoever may read the report page: public series need no login."""
    report = readable_report(request, pk)
    pdf = render_report_pdf(report_render(report))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pdf_filename(report)}"'
    return response
