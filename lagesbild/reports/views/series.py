"""Managing report series and their section templates."""

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lagesbild.accounts.models import User
from lagesbild.accounts.permissions import check_staff, may_map, require, staffs_for
from lagesbild.reports import services
from lagesbild.reports.forms import SeriesForm, TemplateSectionForm
from lagesbild.reports.models import Series, TemplateSection


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _series_page(series: Series) -> HttpResponse:
    return redirect("reports:series_edit", slug=series.slug)


@require("manage_series")
def series_list(request: HttpRequest) -> HttpResponse:
    series = (
        Series.objects.filter(staff__in=staffs_for(request.user, "manage_series"))
        .select_related("staff")
        .prefetch_related("template_sections")
    )
    return render(request, "reports/series_list.html", {"series_list": series})


@require("manage_series")
def series_create(request: HttpRequest) -> HttpResponse:
    form = SeriesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        series = services.series_create(
            staff=form.cleaned_data["staff"],
            title=form.cleaned_data["title"],
            slug=form.cleaned_data["slug"],
            description=form.cleaned_data["description"],
            by=_user(request),
        )
        messages.success(request, _("Serien ”%(s)s” är skapad.") % {"s": series})
        return _series_page(series)
    return render(request, "reports/series_form.html", {"form": form})


@require("manage_series")
def series_edit(request: HttpRequest, slug: str) -> HttpResponse:
    series = _series(request, slug, "manage_series")
    form = SeriesForm(request.POST or None, instance=series, user=request.user)
    if request.method == "POST" and form.is_valid():
        series = services.series_update(
            series=form.instance,
            by=_user(request),
            changed=form.changed_data,
        )
        messages.success(request, _("Serien är sparad."))
        return _series_page(series)
    context = {
        "series": series,
        "form": form,
        "sections": series.template_sections.select_related("link_collection"),
        "add_form": TemplateSectionForm(series=series, prefix="new"),
        "may": may_map(request.user, series.staff),
    }
    return render(request, "reports/series_edit.html", context)


@require("make_series_public")
@require_POST
def series_public(request: HttpRequest, slug: str) -> HttpResponse:
    series = _series(request, slug, "make_series_public")
    is_public = request.POST.get("is_public") == "1"
    services.series_set_public(series=series, by=_user(request), is_public=is_public)  # type: ignore[arg-type]
    if is_public:
        messages.success(request, _("Publicerade rapporter i serien kan nu läsas utan inloggning."))
    else:
        messages.success(request, _("Serien kräver nu inloggning."))
    return _series_page(series)


@require("manage_series")
@require_POST
def template_section_add(request: HttpRequest, slug: str) -> HttpResponse:
    series = _series(request, slug, "manage_series")
    form = TemplateSectionForm(request.POST, series=series, prefix="new")
    if form.is_valid():
        services.template_section_add(
            series=series,
            by=_user(request),
            heading=form.cleaned_data["heading"],
            level=form.cleaned_data["level"],
            kind=form.cleaned_data["kind"],
            body=form.cleaned_data["body"],
            link_collection=form.cleaned_data["link_collection"],
        )
        messages.success(request, _("Avsnittet är tillagt i mallen."))
        return _series_page(series)
    context = {
        "series": series,
        "form": SeriesForm(instance=series),
        "sections": series.template_sections.select_related("link_collection"),
        "add_form": form,
        "may": may_map(request.user, series.staff),
    }
    return render(request, "reports/series_edit.html", context, status=400)


def _series(request: HttpRequest, slug: str, action: str) -> Series:
    series = get_object_or_404(Series.objects.select_related("staff"), slug=slug)
    check_staff(request, action, series.staff)
    return series


def _template_section(request: HttpRequest, slug: str, pk: int) -> TemplateSection:
    section = get_object_or_404(
        TemplateSection.objects.select_related("series__staff"), pk=pk, series__slug=slug
    )
    check_staff(request, "manage_series", section.series.staff)
    return section


@require("manage_series")
def template_section_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    section = _template_section(request, slug, pk)
    form = TemplateSectionForm(request.POST or None, instance=section, series=section.series)
    if request.method == "POST" and form.is_valid():
        services.template_section_update(section=form.instance, by=_user(request))  # type: ignore[arg-type]
        messages.success(request, _("Mallavsnittet är sparat."))
        return _series_page(section.series)
    return render(
        request,
        "reports/series_section.html",
        {"series": section.series, "section": section, "form": form},
    )


@require("manage_series")
@require_POST
def template_section_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    section = _template_section(request, slug, pk)
    step = -1 if request.POST.get("direction") == "up" else 1
    services.template_section_move(section=section, by=_user(request), step=step)  # type: ignore[arg-type]
    url = reverse("reports:series_edit", kwargs={"slug": section.series.slug})
    return redirect(f"{url}#mall-{section.pk}")


@require("manage_series")
@require_POST
def template_section_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    section = _template_section(request, slug, pk)
    services.template_section_remove(section=section, by=_user(request))  # type: ignore[arg-type]
    messages.success(request, _("Avsnittet ”%(s)s” är borttaget ur mallen.") % {"s": section})
    return _series_page(section.series)
