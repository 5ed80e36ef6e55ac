"""The risk register, one risk's history, and the heat map now and at an earlier date."""

from datetime import date, timedelta

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import check_staff, require
from lagesbild.decisions.forms import AssessmentForm, MitigationForm, RiskForm
from lagesbild.decisions.models import Mitigation, Risk, RiskStatus
from lagesbild.decisions.services import risks as services
from lagesbild.staff.pages import actor, form_flow, get_object_or_404, page, staff_get


def _compare_date(request: HttpRequest) -> date:
    """The earlier date to compare with: ?jamfor=YYYY-MM-DD, by default four weeks ago."""
    try:
        return date.fromisoformat(request.GET.get("jamfor", ""))
    except ValueError:
        return timezone.localdate() - timedelta(days=28)


@require("read_decisions")
def risk_list(request: HttpRequest, slug: str) -> HttpResponse:
    staff = staff_get(request, slug, "read_decisions")
    status = request.GET.get("status", "")
    risks = list(Risk.objects.filter(staff=staff).prefetch_related("areas", "mitigations"))
    active = [r for r in risks if r.status != RiskStatus.CLOSED]
    shown = [r for r in risks if r.status == status] if status in RiskStatus.values else active
    earlier = _compare_date(request)
    now_map = services.heatmap(risks=active)
    earlier_map = services.heatmap(risks=active, at=earlier)
    today = timezone.localdate()
    return page(
        request,
        "decisions/risk_list.html",
        staff,
        risks=shown,
        status=status,
        statuses=RiskStatus.choices,
        heat_now=now_map,
        heat_earlier=earlier_map,
        earlier=earlier,
        moved=services.risks_moved(earlier=earlier_map, now=now_map, risks=active),
        overdue=[r for r in active if r.next_review and r.next_review < today],
    )


@require("prepare_decisions")
def risk_create(request: HttpRequest, slug: str) -> HttpResponse:
    staff = staff_get(request, slug, "prepare_decisions")
    services.areas_ensure(staff=staff)
    form = RiskForm(request.POST or None, instance=Risk(staff=staff))
    return form_flow(
        request,
        form,
        save=lambda: services.risk_create(
            risk=form.instance, by=actor(request), areas=form.cleaned_data["areas"]
        ),
        message=_("Risken är registrerad."),
        then=reverse("decisions:risk_list", args=[staff.slug]),
        title=_("Ny risk"),
        staff=staff,
    )


def _risk(request: HttpRequest, pk: int, action: str) -> Risk:
    risk = get_object_or_404(Risk.objects.select_related("staff"), pk=pk)
    check_staff(request, action, risk.staff)
    return risk


@require("read_decisions")
def risk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _risk(request, pk, "read_decisions")
    return page(
        request,
        "decisions/risk_detail.html",
        risk.staff,
        risk=risk,
        history=risk.assessments.select_related("option", "by"),
        per_option=risk.option_assessments.select_related("option"),
        mitigations=risk.mitigations.all(),
        decisions=risk.decisions.all(),
        scores=risk.scores.select_related("option", "criterion"),
    )


@require("prepare_decisions")
def risk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _risk(request, pk, "prepare_decisions")
    form = RiskForm(request.POST or None, instance=risk)

    @transaction.atomic
    def save() -> None:
        services.risk_update(risk=form.instance, by=actor(request), changed=form.changed_data)
        form.instance.areas.set(form.cleaned_data["areas"])

    return form_flow(
        request,
        form,
        save=save,
        message=_("Ändringarna är sparade."),
        then=reverse("decisions:risk_detail", args=[risk.pk]),
        title=_("Redigera %(risk)s") % {"risk": risk.code},
        staff=risk.staff,
    )


@require("prepare_decisions")
def risk_assess(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _risk(request, pk, "prepare_decisions")
    form = AssessmentForm(request.POST or None, risk=risk)

    def save() -> None:
        data = form.cleaned_data
        services.risk_assess(
            risk=risk,
            by=actor(request),
            likelihood=data["likelihood"],
            consequence=data["consequence"],
            reason=data["reason"],
            option=data["option"],
        )

    return form_flow(
        request,
        form,
        save=save,
        message=_("Den nya bedömningen är sparad; den gamla finns kvar i historiken."),
        then=reverse("decisions:risk_detail", args=[risk.pk]),
        title=_("Ny bedömning av %(risk)s") % {"risk": risk.code},
        staff=risk.staff,
    )


@require("prepare_decisions")
def mitigation_add(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _risk(request, pk, "prepare_decisions")
    form = MitigationForm(request.POST or None, instance=Mitigation(risk=risk))
    return form_flow(
        request,
        form,
        save=lambda: services.mitigation_save(mitigation=form.instance, by=actor(request)),
        message=_("Åtgärden är sparad."),
        then=reverse("decisions:risk_detail", args=[risk.pk]),
        title=_("Ny åtgärd mot %(risk)s") % {"risk": risk.code},
        staff=risk.staff,
    )
