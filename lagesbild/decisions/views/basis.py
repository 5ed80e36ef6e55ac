"""Choosing what one decision basis report covers: some of the options, risks and findings."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import check_staff, require
from lagesbild.decisions.forms import BasisScopeForm
from lagesbild.decisions.services import basis as services
from lagesbild.reports.models import Report, SeriesKind
from lagesbild.staff.pages import actor, get_object_or_404, page, saved_or_errors


@require("write_any_section")
def basis_scope(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        Report.objects.select_related("series__staff"),
        pk=pk,
        series__kind=SeriesKind.DECISION_BASIS,
    )
    staff = report.series.staff
    check_staff(request, "write_any_section", staff)
    then = reverse("reports:report_edit", args=[report.pk])
    scope = services.scope_for(report)
    if scope is not None:
        initial = {
            "options": list(scope.options.all()),
            "risks": list(scope.risks.all()),
            "findings": list(scope.findings.all()),
        }
    else:
        initial = {"options": list(staff.options.all())}
    # Not `request.POST or None`: unticking every box posts nothing, and must be refused.
    data = request.POST if request.method == "POST" else None
    form = BasisScopeForm(data, staff_id=staff.pk, initial=initial)
    if request.method == "POST" and form.is_valid():

        def save() -> None:
            data = form.cleaned_data
            services.basis_scope_set(
                report=report,
                by=actor(request),
                options=list(data["options"]),
                risks=list(data["risks"]),
                findings=list(data["findings"]),
            )

        done = saved_or_errors(request, form, save, _("Underlagets omfattning är sparad."), then)
        if done:
            return done
    elif request.method == "POST" and not report.is_editable:
        messages.error(request, _("Underlaget är godkänt eller publicerat."))
        return redirect(then)
    return page(
        request,
        "decisions/basis_scope.html",
        staff,
        report=report,
        form=form,
        cancel=then,
        inherited_from=None if scope is None or scope.report_id == report.pk else scope.report,
    )
