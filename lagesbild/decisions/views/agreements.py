"""Agreements with the vendor and their obligations, with the deadlines coming up."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import check_staff, require
from lagesbild.decisions.forms import AgreementForm, ObligationForm
from lagesbild.decisions.models import Agreement, Obligation
from lagesbild.decisions.services import agreements as services
from lagesbild.staff.pages import actor, form_flow, get_object_or_404, page, staff_get


@require("read_decisions")
def agreement_list(request: HttpRequest, slug: str) -> HttpResponse:
    staff = staff_get(request, slug, "read_decisions")
    return page(
        request,
        "decisions/agreement_list.html",
        staff,
        agreements=Agreement.objects.filter(staff=staff).prefetch_related("obligations"),
        due=services.obligations_due(staff=staff),
        remind_days=services.REMIND_DAYS,
    )


@require("prepare_decisions")
def agreement_create(request: HttpRequest, slug: str) -> HttpResponse:
    staff = staff_get(request, slug, "prepare_decisions")
    form = AgreementForm(
        request.POST or None, request.FILES or None, instance=Agreement(staff=staff)
    )
    return form_flow(
        request,
        form,
        save=lambda: services.agreement_save(agreement=form.instance, by=actor(request)),
        message=_("Avtalet är registrerat."),
        then=reverse("decisions:agreement_list", args=[staff.slug]),
        title=_("Nytt avtal"),
        staff=staff,
    )


def _agreement(request: HttpRequest, pk: int, action: str) -> Agreement:
    agreement = get_object_or_404(Agreement.objects.select_related("staff"), pk=pk)
    check_staff(request, action, agreement.staff)
    return agreement


@require("read_decisions")
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk, "read_decisions")
    return page(
        request,
        "decisions/agreement_detail.html",
        agreement.staff,
        agreement=agreement,
        obligations=agreement.obligations.all(),
        decisions=agreement.decisions.all(),
    )


@require("prepare_decisions")
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk, "prepare_decisions")
    form = AgreementForm(request.POST or None, request.FILES or None, instance=agreement)
    return form_flow(
        request,
        form,
        save=lambda: services.agreement_save(agreement=form.instance, by=actor(request)),
        message=_("Ändringarna är sparade."),
        then=reverse("decisions:agreement_detail", args=[agreement.pk]),
        title=_("Redigera avtalet"),
        staff=agreement.staff,
    )


@require("prepare_decisions")
def obligation_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk, "prepare_decisions")
    form = ObligationForm(request.POST or None, instance=Obligation(agreement=agreement))
    return form_flow(
        request,
        form,
        save=lambda: services.obligation_save(obligation=form.instance, by=actor(request)),
        message=_("Åtagandet är sparat."),
        then=reverse("decisions:agreement_detail", args=[agreement.pk]),
        title=_("Nytt åtagande"),
        staff=agreement.staff,
    )
