"""The decision log: record a decision once; amend or revoke it only by a new, linked one."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import check_staff, require
from lagesbild.decisions.forms import DecisionForm
from lagesbild.decisions.models import Decision
from lagesbild.decisions.services.decisions import decision_record
from lagesbild.staff.pages import actor, form_flow, get_object_or_404, page, staff_get

LINKS = ["options", "risks", "findings", "agreements"]


@require("read_decisions")
def decision_list(request: HttpRequest, slug: str) -> HttpResponse:
    staff = staff_get(request, slug, "read_decisions")
    decisions = (
        Decision.objects.filter(staff=staff)
        .select_related("previous")
        .prefetch_related("decision_makers", "later")
    )
    return page(request, "decisions/decision_list.html", staff, decisions=decisions)


@require("record_decision")
def decision_create(request: HttpRequest, slug: str) -> HttpResponse:
    staff = staff_get(request, slug, "record_decision")
    initial = {}
    previous = request.GET.get("foregaende", "")
    if previous.isdigit():
        initial = {"previous": previous, "relation": request.GET.get("relation", "amends")}
    form = DecisionForm(request.POST or None, instance=Decision(staff=staff), initial=initial)

    def save() -> None:
        data = form.cleaned_data
        decision_record(
            decision=form.instance,
            by=actor(request),
            decision_makers=data["decision_makers"],
            links={name: list(data[name]) for name in LINKS},
        )

    return form_flow(
        request,
        form,
        save=save,
        message=_("Beslutet är registrerat. Det kan inte ändras, bara följas av ett nytt beslut."),
        then=reverse("decisions:decision_list", args=[staff.slug]),
        title=_("Registrera beslut"),
        staff=staff,
    )


@require("read_decisions")
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(
        Decision.objects.select_related("staff", "previous", "recorded_by"), pk=pk
    )
    check_staff(request, "read_decisions", decision.staff)
    return page(
        request,
        "decisions/decision_detail.html",
        decision.staff,
        decision=decision,
        later=decision.later.all(),
    )
