"""External reviews, their findings with the staff's responses, and the actions that follow."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import check_staff, require
from lagesbild.decisions.forms import FindingActionForm, FindingForm, ReviewForm
from lagesbild.decisions.models import Finding, FindingAction, Review
from lagesbild.decisions.services import reviews as services
from lagesbild.staff.pages import actor, form_flow, get_object_or_404, page, staff_get


@require("read_decisions")
def review_list(request: HttpRequest, slug: str) -> HttpResponse:
    staff = staff_get(request, slug, "read_decisions")
    reviews = services.reviews_with_progress(staff=staff)
    return page(request, "decisions/review_list.html", staff, reviews=reviews)


@require("prepare_decisions")
def review_create(request: HttpRequest, slug: str) -> HttpResponse:
    staff = staff_get(request, slug, "prepare_decisions")
    form = ReviewForm(request.POST or None, request.FILES or None, instance=Review(staff=staff))
    return form_flow(
        request,
        form,
        save=lambda: services.review_save(review=form.instance, by=actor(request)),
        message=_("Granskningen är registrerad."),
        then=reverse("decisions:review_list", args=[staff.slug]),
        title=_("Ny extern granskning"),
        staff=staff,
    )


def _review(request: HttpRequest, pk: int, action: str) -> Review:
    review = get_object_or_404(Review.objects.select_related("staff"), pk=pk)
    check_staff(request, action, review.staff)
    return review


@require("read_decisions")
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk, "read_decisions")
    findings = review.findings.prefetch_related("actions")
    return page(
        request, "decisions/review_detail.html", review.staff, review=review, findings=findings
    )


@require("prepare_decisions")
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk, "prepare_decisions")
    form = ReviewForm(request.POST or None, request.FILES or None, instance=review)
    return form_flow(
        request,
        form,
        save=lambda: services.review_save(review=form.instance, by=actor(request)),
        message=_("Ändringarna är sparade."),
        then=reverse("decisions:review_detail", args=[review.pk]),
        title=_("Redigera granskningen"),
        staff=review.staff,
    )


@require("prepare_decisions")
def finding_create(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk, "prepare_decisions")
    form = FindingForm(request.POST or None, instance=Finding(review=review))
    return form_flow(
        request,
        form,
        save=lambda: services.finding_save(finding=form.instance, by=actor(request)),
        message=_("Iakttagelsen är registrerad."),
        then=reverse("decisions:review_detail", args=[review.pk]),
        title=_("Ny iakttagelse"),
        staff=review.staff,
    )


def _finding(request: HttpRequest, pk: int, action: str) -> Finding:
    finding = get_object_or_404(Finding.objects.select_related("review__staff"), pk=pk)
    check_staff(request, action, finding.review.staff)
    return finding


@require("read_decisions")
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _finding(request, pk, "read_decisions")
    return page(
        request,
        "decisions/finding_detail.html",
        finding.review.staff,
        finding=finding,
        actions=finding.actions.all(),
        decisions=finding.decisions.all(),
        scores=finding.scores.select_related("option", "criterion"),
    )


@require("prepare_decisions")
def finding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _finding(request, pk, "prepare_decisions")
    form = FindingForm(request.POST or None, instance=finding)
    return form_flow(
        request,
        form,
        save=lambda: services.finding_save(
            finding=form.instance, by=actor(request), changed=form.changed_data
        ),
        message=_("Ändringarna är sparade."),
        then=reverse("decisions:finding_detail", args=[finding.pk]),
        title=_("Redigera %(finding)s") % {"finding": finding.code},
        staff=finding.review.staff,
    )


@require("prepare_decisions")
def finding_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _finding(request, pk, "prepare_decisions")
    form = FindingActionForm(request.POST or None, instance=FindingAction(finding=finding))
    return form_flow(
        request,
        form,
        save=lambda: services.finding_action_save(action=form.instance, by=actor(request)),
        message=_("Åtgärden är sparad."),
        then=reverse("decisions:finding_detail", args=[finding.pk]),
        title=_("Ny åtgärd"),
        staff=finding.review.staff,
    )
