"""The decision basis at a glance: where the risks stand, the reviews, options and decisions."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lagesbild.accounts.permissions import require
from lagesbild.decisions.models import Agreement, AgreementKind, Decision, Risk
from lagesbild.decisions.services import agreements, options, reviews
from lagesbild.decisions.services.risks import heatmap
from lagesbild.staff.pages import page, staff_chosen


@require("read_decisions")
def overview(request: HttpRequest) -> HttpResponse:
    staff, staffs = staff_chosen(request, "read_decisions")
    if staff is None:
        return render(request, "decisions/overview.html", {"staff": None})
    risks = list(Risk.objects.filter(staff=staff).active())
    return page(
        request,
        "decisions/overview.html",
        staff,
        staffs=staffs,
        heat=heatmap(risks=risks),
        n_risks=len(risks),
        overdue=Risk.objects.filter(staff=staff).review_overdue().count(),
        reviews=reviews.reviews_with_progress(staff=staff),
        matrix=options.matrix_build(staff=staff),
        decisions=Decision.objects.filter(staff=staff)[:5],
        pause=Agreement.objects.filter(staff=staff, kind=AgreementKind.PAUSE).first(),
        due=agreements.obligations_due(staff=staff)[:5],
    )
