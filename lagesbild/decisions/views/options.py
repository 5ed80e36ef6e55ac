"""Options (vägval) compared against weighted criteria, with each score's evidence."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import check_staff, require
from lagesbild.decisions.forms import CriterionForm, OptionForm, ScoreForm
from lagesbild.decisions.models import Criterion, Option, Score
from lagesbild.decisions.models.options import score_max
from lagesbild.decisions.services import options as services
from lagesbild.staff.pages import actor, form_flow, get_object_or_404, page, staff_get


@require("read_decisions")
def matrix(request: HttpRequest, slug: str) -> HttpResponse:
    staff = staff_get(request, slug, "read_decisions")
    return page(
        request,
        "decisions/matrix.html",
        staff,
        matrix=services.matrix_build(staff=staff),
        score_max=score_max(),
        sensitivity=int(services.SENSITIVITY * 100),
    )


@require("prepare_decisions")
def option_create(request: HttpRequest, slug: str) -> HttpResponse:
    staff = staff_get(request, slug, "prepare_decisions")
    form = OptionForm(request.POST or None, instance=Option(staff=staff))
    return form_flow(
        request,
        form,
        save=lambda: services.option_save(option=form.instance, by=actor(request)),
        message=_("Vägvalet är sparat."),
        then=reverse("decisions:matrix", args=[staff.slug]),
        title=_("Nytt vägval"),
        staff=staff,
    )


def _option(request: HttpRequest, pk: int, action: str) -> Option:
    option = get_object_or_404(Option.objects.select_related("staff"), pk=pk)
    check_staff(request, action, option.staff)
    return option


@require("read_decisions")
def option_detail(request: HttpRequest, pk: int) -> HttpResponse:
    option = _option(request, pk, "read_decisions")
    scores = (
        Score.objects.filter(option=option)
        .select_related("criterion")
        .prefetch_related("risks", "findings__review", "lessons")
    )
    return page(
        request,
        "decisions/option_detail.html",
        option.staff,
        option=option,
        scores=scores,
        risk_assessments=option.risk_assessments.select_related("risk"),
        decisions=option.decisions.all(),
    )


@require("prepare_decisions")
def option_edit(request: HttpRequest, pk: int) -> HttpResponse:
    option = _option(request, pk, "prepare_decisions")
    form = OptionForm(request.POST or None, instance=option)
    return form_flow(
        request,
        form,
        save=lambda: services.option_save(option=form.instance, by=actor(request)),
        message=_("Ändringarna är sparade."),
        then=reverse("decisions:option_detail", args=[option.pk]),
        title=_("Redigera vägvalet"),
        staff=option.staff,
    )


@require("prepare_decisions")
def criterion_create(request: HttpRequest, slug: str) -> HttpResponse:
    staff = staff_get(request, slug, "prepare_decisions")
    form = CriterionForm(request.POST or None, instance=Criterion(staff=staff))
    return form_flow(
        request,
        form,
        save=lambda: services.criterion_save(criterion=form.instance, by=actor(request)),
        message=_("Kriteriet är sparat."),
        then=reverse("decisions:matrix", args=[staff.slug]),
        title=_("Nytt kriterium"),
        staff=staff,
    )


@require("prepare_decisions")
def criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = get_object_or_404(Criterion.objects.select_related("staff"), pk=pk)
    check_staff(request, "prepare_decisions", criterion.staff)
    form = CriterionForm(request.POST or None, instance=criterion)
    return form_flow(
        request,
        form,
        save=lambda: services.criterion_save(criterion=form.instance, by=actor(request)),
        message=_("Ändringarna är sparade."),
        then=reverse("decisions:matrix", args=[criterion.staff.slug]),
        title=_("Redigera kriteriet"),
        staff=criterion.staff,
    )


@require("prepare_decisions")
def score_edit(request: HttpRequest, pk: int, criterion_pk: int) -> HttpResponse:
    option = _option(request, pk, "prepare_decisions")
    criterion = get_object_or_404(Criterion, pk=criterion_pk, staff=option.staff)
    existing = Score.objects.filter(option=option, criterion=criterion).first()
    initial = {}
    if existing:
        initial = {
            "value": existing.value,
            "justification": existing.justification,
            "risks": list(existing.risks.all()),
            "findings": list(existing.findings.all()),
            "lessons": list(existing.lessons.all()),
        }
    form = ScoreForm(request.POST or None, option=option, initial=initial)

    def save() -> None:
        data = form.cleaned_data
        services.score_set(
            option=option,
            criterion=criterion,
            by=actor(request),
            value=data["value"],
            justification=data["justification"],
            risks=list(data["risks"]),
            findings=list(data["findings"]),
            lessons=list(data["lessons"]),
        )

    return form_flow(
        request,
        form,
        save=save,
        message=_("Bedömningen är sparad."),
        then=reverse("decisions:matrix", args=[option.staff.slug]),
        title=_("%(option)s: %(criterion)s") % {"option": option, "criterion": criterion},
        staff=option.staff,
    )
