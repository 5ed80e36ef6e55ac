"""The staff area: who the staff is, its members by role, and its spokespersons."""

from dataclasses import dataclass
from datetime import date
from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.permissions import check_staff, is_admin, require, staffs_for
from lagesbild.staff import services
from lagesbild.staff.forms import SpokespersonForm, StaffForm, StaffMemberForm
from lagesbild.staff.models import AccessRole, Spokesperson, Staff, StaffMember, StaffRole


def _actor(request: HttpRequest) -> User:
    # Every view here is behind `require`, so the user is logged in.
    return cast(User, request.user)


@dataclass(frozen=True)
class MemberRow:
    member: StaffMember
    is_active: bool
    status: str
    detail: str = ""


@dataclass(frozen=True)
class MemberGroup:
    role: str
    label: str
    rows: list[MemberRow]


def member_status(member: StaffMember, today: date) -> MemberRow:
    """Whether the member takes part today, with a short Swedish status and its dates."""
    start, end = member.valid_from, member.valid_to
    if start and start > today:
        return MemberRow(member, False, _("Kommande"), _("från %(day)s") % {"day": start})
    if end and end < today:
        return MemberRow(member, False, _("Avslutad"), _("sista dag %(day)s") % {"day": end})
    if end:
        return MemberRow(member, True, _("Aktiv"), _("till och med %(day)s") % {"day": end})
    return MemberRow(member, True, _("Aktiv"))


def member_groups(staff: Staff, today: date) -> list[MemberGroup]:
    members = list(staff.members.select_related("user"))
    return [
        MemberGroup(
            role=role.value,
            label=str(role.label),
            rows=[member_status(m, today) for m in members if m.staff_role == role],
        )
        for role in StaffRole
    ]


def _staff(request: HttpRequest, slug: str, action: str) -> Staff:
    staff = get_object_or_404(Staff, slug=slug)
    check_staff(request, action, staff)
    return staff


@require("read_drafts")
def index(request: HttpRequest) -> HttpResponse:
    staffs = staffs_for(request.user, "read_drafts")
    return render(request, "staff/index.html", {"staffs": staffs})


@require("read_drafts")
def staff_detail(request: HttpRequest, slug: str) -> HttpResponse:
    staff = _staff(request, slug, "read_drafts")
    today = timezone.localdate()
    return render(
        request,
        "staff/detail.html",
        {
            "staff": staff,
            "groups": member_groups(staff, today),
            "spokespersons": staff.spokespersons.all(),
            "today": today,
        },
    )


def _form_page(request: HttpRequest, form: object, title: str, cancel: str) -> HttpResponse:
    return render(request, "staff/form.html", {"form": form, "title": title, "cancel": cancel})


@require("create_staff")
def staff_create(request: HttpRequest) -> HttpResponse:
    form = StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        staff = services.staff_save(
            staff=form.instance, by=_actor(request), changed=form.changed_data
        )
        if not is_admin(request.user):
            # A staff lead who starts a new staff leads it, or could not open what they made.
            services.member_save(
                member=StaffMember(
                    staff=staff,
                    user=_actor(request),
                    name=_actor(request).display_name(),
                    staff_role=StaffRole.LEAD,
                    access_role=AccessRole.EDITOR,
                ),
                by=_actor(request),
                changed=["user", "staff_role", "access_role"],
            )
        messages.success(request, _("Staben är skapad."))
        return redirect("staff:staff_detail", slug=staff.slug)
    return _form_page(request, form, _("Ny stab"), reverse("staff:index"))


@require("manage_staff")
def staff_edit(request: HttpRequest, slug: str) -> HttpResponse:
    staff = _staff(request, slug, "manage_staff")
    form = StaffForm(request.POST or None, instance=staff)
    if request.method == "POST" and form.is_valid():
        staff = services.staff_save(
            staff=form.instance, by=_actor(request), changed=form.changed_data
        )
        messages.success(request, _("Ändringarna är sparade."))
        return redirect("staff:staff_detail", slug=staff.slug)
    title = _("Redigera %(name)s") % {"name": staff.name}
    return _form_page(request, form, title, staff_url(staff))


def staff_url(staff: Staff) -> str:
    return reverse("staff:staff_detail", args=[staff.slug])


@require("manage_staff")
def member_create(request: HttpRequest, slug: str) -> HttpResponse:
    staff = _staff(request, slug, "manage_staff")
    form = StaffMemberForm(request.POST or None, instance=StaffMember(staff=staff))
    if request.method == "POST" and form.is_valid():
        member = services.member_save(
            member=form.instance, by=_actor(request), changed=form.changed_data
        )
        messages.success(request, _("%(name)s är tillagd i staben.") % {"name": member.name})
        return redirect("staff:staff_detail", slug=staff.slug)
    title = _("Ny medlem i %(name)s") % {"name": staff.name}
    return _form_page(request, form, title, staff_url(staff))


@require("manage_staff")
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(StaffMember.objects.select_related("staff"), pk=pk)
    check_staff(request, "manage_staff", member.staff)
    form = StaffMemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        services.member_save(member=form.instance, by=_actor(request), changed=form.changed_data)
        messages.success(request, _("Ändringarna är sparade."))
        return redirect("staff:staff_detail", slug=member.staff.slug)
    title = _("Redigera %(name)s") % {"name": member.name}
    return _form_page(request, form, title, staff_url(member.staff))


@require("manage_staff")
def member_delete(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(StaffMember.objects.select_related("staff"), pk=pk)
    staff = member.staff
    check_staff(request, "manage_staff", staff)
    if request.method == "POST":
        services.member_remove(member=member, by=_actor(request))
        messages.success(request, _("%(name)s är borttagen ur staben.") % {"name": member.name})
        return redirect("staff:staff_detail", slug=staff.slug)
    question = _("Ta bort %(name)s ur staben?") % {"name": member.name}
    return render(
        request,
        "staff/confirm_delete.html",
        {"question": question, "cancel": staff_url(staff)},
    )


@require("manage_staff")
def spokesperson_create(request: HttpRequest, slug: str) -> HttpResponse:
    staff = _staff(request, slug, "manage_staff")
    position = staff.spokespersons.count()
    form = SpokespersonForm(
        request.POST or None, instance=Spokesperson(staff=staff), initial={"position": position}
    )
    if request.method == "POST" and form.is_valid():
        person = services.spokesperson_save(
            spokesperson=form.instance, by=_actor(request), changed=form.changed_data
        )
        messages.success(request, _("%(name)s är tillagd som talesperson.") % {"name": person.name})
        return redirect("staff:staff_detail", slug=staff.slug)
    title = _("Ny talesperson för %(name)s") % {"name": staff.name}
    return _form_page(request, form, title, staff_url(staff))


@require("manage_staff")
def spokesperson_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Spokesperson.objects.select_related("staff"), pk=pk)
    check_staff(request, "manage_staff", person.staff)
    form = SpokespersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        services.spokesperson_save(
            spokesperson=form.instance, by=_actor(request), changed=form.changed_data
        )
        messages.success(request, _("Ändringarna är sparade."))
        return redirect("staff:staff_detail", slug=person.staff.slug)
    title = _("Redigera talesperson %(name)s") % {"name": person.name}
    return _form_page(request, form, title, staff_url(person.staff))


@require("manage_staff")
def spokesperson_delete(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Spokesperson.objects.select_related("staff"), pk=pk)
    staff = person.staff
    check_staff(request, "manage_staff", staff)
    if request.method == "POST":
        services.spokesperson_remove(spokesperson=person, by=_actor(request))
        messages.success(
            request, _("%(name)s är borttagen som talesperson.") % {"name": person.name}
        )
        return redirect("staff:staff_detail", slug=staff.slug)
    question = _("Ta bort %(name)s som talesperson?") % {"name": person.name}
    note = _("Talespersonen försvinner också ur rapporter som inte är publicerade ännu.")
    return render(
        request,
        "staff/confirm_delete.html",
        {"question": question, "cancel": staff_url(staff), "note": note},
    )
