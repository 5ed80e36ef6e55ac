"""Press inquiries (overdue and due today on top) and media coverage with its weekly summary."""

from datetime import date, timedelta
from typing import Any, cast

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.permissions import (
    check_staff,
    may_map,
    require,
    staffs_for,
    users_with,
)
from lagesbild.communications import services
from lagesbild.communications.coverage import summarise, week_bounds, week_markdown
from lagesbild.communications.models import MediaCoverage, PressInquiry
from lagesbild.communications.press_forms import MediaCoverageForm, PressInquiryForm
from lagesbild.staff.models import Staff

URGENCY_ORDER = {"overdue": 0, "today": 1, "later": 2, "closed": 3}


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def chosen_staff(request: HttpRequest, action: str) -> tuple[Staff | None, list[Staff]]:
    """The staff picked with ?stab= among those the person may act in (404 for others)."""
    staffs = list(staffs_for(request.user, action))
    slug = request.GET.get("stab")
    if slug:
        staff = next((s for s in staffs if s.slug == slug), None)
        if staff is None:
            raise Http404
        return staff, staffs
    return (staffs[0] if staffs else None), staffs


def people_for(staff: Staff, action: str) -> QuerySet[User]:
    """Active people who may perform the action in this staff (handler and owner choices)."""
    people: QuerySet[User] = users_with(action, staff)
    return people.order_by("first_name", "last_name", "username")


def press_url(staff: Staff) -> str:
    return f"{reverse('communications:press')}?stab={staff.slug}"


def inquiries_in_order(inquiries: list[PressInquiry]) -> list[tuple[PressInquiry, str]]:
    """Overdue first, then due today, then the rest by deadline; closed ones last."""
    now = timezone.now()
    far = now + timedelta(days=3650)
    rows = [(i, i.urgency(now)) for i in inquiries]
    return sorted(
        rows,
        key=lambda r: (URGENCY_ORDER[r[1]], r[0].deadline or far, r[0].received_at),
    )


@require("manage_press")
def press(request: HttpRequest) -> HttpResponse:
    staff, staffs = chosen_staff(request, "manage_press")
    if staff is None:
        return render(request, "communications/press.html", {"staff": None})
    since = timezone.now() - timedelta(days=30)
    inquiries = staff.press_inquiries.select_related("spokesperson", "handler")
    rows = inquiries_in_order(
        list(inquiries.filter(received_at__gte=since))
        + list(inquiries.filter(received_at__lt=since, status__in=["new", "in_progress"]))
    )
    coverage = staff.media_coverage.filter(date__gte=timezone.localdate() - timedelta(days=28))
    return render(
        request,
        "communications/press.html",
        {
            "staff": staff,
            "staffs": staffs,
            "rows": rows,
            "coverage": coverage,
            "may": may_map(request.user, staff),
            "this_monday": _monday(timezone.localdate()),
        },
    )


def _form_page(request: HttpRequest, form: Any, title: str, staff: Staff) -> HttpResponse:
    return render(
        request,
        "communications/form.html",
        {"form": form, "title": title, "cancel": press_url(staff)},
    )


@require("manage_press")
def inquiry_create(request: HttpRequest, slug: str) -> HttpResponse:
    staff = get_object_or_404(Staff, slug=slug)
    check_staff(request, "manage_press", staff)
    form = PressInquiryForm(
        request.POST or None,
        instance=PressInquiry(staff=staff, handler=_actor(request)),
        handlers=people_for(staff, "manage_press"),
    )
    if request.method == "POST" and form.is_valid():
        services.inquiry_save(inquiry=form.instance, by=_actor(request), changed=form.changed_data)
        messages.success(request, _("Pressförfrågan är sparad."))
        return redirect(press_url(staff))
    return _form_page(request, form, _("Ny pressförfrågan"), staff)


@require("manage_press")
def inquiry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = get_object_or_404(PressInquiry.objects.select_related("staff"), pk=pk)
    check_staff(request, "manage_press", inquiry.staff)
    form = PressInquiryForm(
        request.POST or None, instance=inquiry, handlers=people_for(inquiry.staff, "manage_press")
    )
    if request.method == "POST" and form.is_valid():
        services.inquiry_save(inquiry=form.instance, by=_actor(request), changed=form.changed_data)
        messages.success(request, _("Ändringarna är sparade."))
        return redirect(press_url(inquiry.staff))
    title = _("Pressförfrågan från %(outlet)s") % {"outlet": inquiry.outlet}
    return _form_page(request, form, title, inquiry.staff)


@require("manage_press")
def coverage_create(request: HttpRequest, slug: str) -> HttpResponse:
    staff = get_object_or_404(Staff, slug=slug)
    check_staff(request, "manage_press", staff)
    initial = {"date": timezone.localdate()}
    form = MediaCoverageForm(
        request.POST or None, instance=MediaCoverage(staff=staff), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        services.coverage_save(item=form.instance, by=_actor(request), changed=form.changed_data)
        messages.success(request, _("Inslaget är sparat."))
        return redirect(press_url(staff))
    return _form_page(request, form, _("Nytt medieinslag"), staff)


@require("manage_press")
def coverage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(MediaCoverage.objects.select_related("staff"), pk=pk)
    check_staff(request, "manage_press", item.staff)
    form = MediaCoverageForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.coverage_save(item=form.instance, by=_actor(request), changed=form.changed_data)
        messages.success(request, _("Ändringarna är sparade."))
        return redirect(press_url(item.staff))
    return _form_page(request, form, _("Redigera medieinslag"), item.staff)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@require("read_drafts")
def coverage_week(request: HttpRequest, slug: str) -> HttpResponse:
    """A week of coverage per topic, with Markdown to paste into the report."""
    staff = get_object_or_404(Staff, slug=slug)
    check_staff(request, "read_drafts", staff)
    try:
        monday = _monday(date.fromisoformat(request.GET.get("fran", "")))
    except ValueError:
        monday = _monday(timezone.localdate())
    first, last = week_bounds(monday)
    items = list(staff.media_coverage.filter(date__range=(first, last)))
    summaries = summarise(items)
    return render(
        request,
        "communications/coverage_week.html",
        {
            "staff": staff,
            "monday": monday,
            "sunday": last,
            "week": monday.isocalendar().week,
            "previous": monday - timedelta(days=7),
            "next": monday + timedelta(days=7),
            "summaries": summaries,
            "items": items,
            "markdown": week_markdown(summaries, monday),
        },
    )
