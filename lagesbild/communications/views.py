"""Communication actions and link collections that reports draw on."""

from typing import cast

from django.contrib import messages
from django.forms import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.permissions import check_staff, may_map, require, staffs_for
from lagesbild.communications import services
from lagesbild.communications.forms import (
    CommunicationActionForm,
    LinkCollectionForm,
    LinkForm,
    LinkFormSet,
    MonthFilterForm,
)
from lagesbild.communications.models import CommunicationAction, Link, LinkCollection
from lagesbild.staff.models import Staff


def _actor(request: HttpRequest) -> User:
    # Every view here is behind `require`, so the user is logged in.
    return cast(User, request.user)


def _index_url(staff: Staff) -> str:
    return f"{reverse('communications:index')}?stab={staff.slug}"


@require("read_drafts")
def index(request: HttpRequest) -> HttpResponse:
    """One staff's actions, newest first, optionally one month; and its link collections."""
    staffs = list(staffs_for(request.user, "read_drafts"))
    slug = request.GET.get("stab")
    staff = next((s for s in staffs if s.slug == slug), staffs[0] if staffs else None)
    if slug and (staff is None or staff.slug != slug):
        # Another staff's page is refused like any of its objects; an unknown one is missing.
        check_staff(request, "read_drafts", get_object_or_404(Staff, slug=slug))
    if staff is None:
        return render(request, "communications/index.html", {"staff": None})
    actions = staff.communication_actions.all()
    months = [
        (f"{m:%Y-%m}", date_format(m, "F Y")) for m in actions.dates("date", "month", order="DESC")
    ]
    month_form = MonthFilterForm(request.GET or None, months=months)
    month = ""
    if month_form.is_bound and month_form.is_valid():
        month = month_form.cleaned_data["manad"]
    if month:
        year, number = (int(x) for x in month.split("-"))
        actions = actions.filter(date__year=year, date__month=number)
    return render(
        request,
        "communications/index.html",
        {
            "staff": staff,
            "staffs": staffs,
            "may": may_map(request.user, staff),
            "actions": actions,
            "month_form": month_form,
            "month_label": dict(months).get(month, ""),
            "collections": staff.link_collections.prefetch_related("links"),
        },
    )


def _action_form_page(
    request: HttpRequest, form: CommunicationActionForm, title: str, staff: Staff
) -> HttpResponse:
    return render(
        request,
        "communications/form.html",
        {
            "form": form,
            "title": title,
            "cancel": _index_url(staff),
        },
    )


@require("manage_communications")
def action_create(request: HttpRequest, slug: str) -> HttpResponse:
    staff = get_object_or_404(Staff, slug=slug)
    check_staff(request, "manage_communications", staff)
    form = CommunicationActionForm(request.POST or None, instance=CommunicationAction(staff=staff))
    if request.method == "POST" and form.is_valid():
        action = services.action_save(
            action=form.instance, by=_actor(request), changed=form.changed_data
        )
        messages.success(request, _("Åtgärden ”%(title)s” är sparad.") % {"title": action.title})
        return redirect(_index_url(staff))
    return _action_form_page(request, form, _("Ny kommunikativ åtgärd"), staff)


@require("manage_communications")
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(CommunicationAction.objects.select_related("staff"), pk=pk)
    check_staff(request, "manage_communications", action.staff)
    form = CommunicationActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        services.action_save(action=form.instance, by=_actor(request), changed=form.changed_data)
        messages.success(request, _("Ändringarna är sparade."))
        return redirect(_index_url(action.staff))
    return _action_form_page(request, form, _("Redigera åtgärd"), action.staff)


@require("manage_communications")
def action_delete(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(CommunicationAction.objects.select_related("staff"), pk=pk)
    check_staff(request, "manage_communications", action.staff)
    back = _index_url(action.staff)
    if request.method == "POST":
        services.action_remove(action=action, by=_actor(request))
        messages.success(request, _("Åtgärden ”%(title)s” är borttagen.") % {"title": action.title})
        return redirect(back)
    question = _("Ta bort åtgärden ”%(action)s”?") % {"action": action}
    return render(request, "staff/confirm_delete.html", {"question": question, "cancel": back})


def _links_in_order(formset: BaseInlineFormSet) -> tuple[list[Link], list[Link]]:
    """The kept links sorted by their order field (ties keep their row order), and removed."""
    kept: list[tuple[int, int, Link]] = []
    removed: list[Link] = []
    for row, form in enumerate(formset.forms):
        link = cast(LinkForm, form)
        if form in formset.deleted_forms:
            if link.instance.pk:
                removed.append(link.instance)
            continue
        if link.is_blank():
            if link.instance.pk:
                removed.append(link.instance)
            continue
        position = link.cleaned_data.get("position")
        kept.append((row if position is None else position, row, link.save(commit=False)))
    return [link for _p, _r, link in sorted(kept, key=lambda t: (t[0], t[1]))], removed


def _collection_page(
    request: HttpRequest, collection: LinkCollection, staff: Staff, title: str
) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = LinkCollectionForm(data, instance=collection)
    # Blank rows offer the next free positions, so a link added there goes last by default.
    count = collection.links.count() if collection.pk else 0
    extra_positions = [{"position": count + i} for i in range(LinkFormSet.extra)]
    formset = LinkFormSet(data, instance=collection, prefix="links", initial=extra_positions)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        links, removed = _links_in_order(formset)
        collection = services.collection_save(
            collection=form.save(commit=False), links=links, removed=removed, by=_actor(request)
        )
        messages.success(
            request, _("Länksamlingen ”%(title)s” är sparad.") % {"title": collection.title}
        )
        return redirect(_index_url(staff))
    return render(
        request,
        "communications/collection_form.html",
        {
            "form": form,
            "formset": formset,
            "title": title,
            "cancel": _index_url(staff),
        },
    )


@require("manage_communications")
def collection_create(request: HttpRequest, slug: str) -> HttpResponse:
    staff = get_object_or_404(Staff, slug=slug)
    check_staff(request, "manage_communications", staff)
    return _collection_page(request, LinkCollection(staff=staff), staff, _("Ny länksamling"))


@require("manage_communications")
def collection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    collection = get_object_or_404(LinkCollection.objects.select_related("staff"), pk=pk)
    check_staff(request, "manage_communications", collection.staff)
    title = _("Redigera länksamlingen ”%(title)s”") % {"title": collection.title}
    return _collection_page(request, collection, collection.staff, title)
