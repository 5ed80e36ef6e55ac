"""Helpers for pages about one staff's things: the staff checked, `may` scoped to it, and the
form flow that calls a service and shows its errors instead of saving half."""

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from lagesbild.accounts.models import User
from lagesbild.accounts.permissions import check_staff, may_map, staffs_for
from lagesbild.staff.models import Staff


def actor(request: HttpRequest) -> User:
    # Every view here is behind `require`, so the user is logged in.
    return cast(User, request.user)


def staff_get(request: HttpRequest, slug: str, action: str) -> Staff:
    staff = get_object_or_404(Staff, slug=slug)
    check_staff(request, action, staff)
    return staff


def staff_chosen(request: HttpRequest, action: str) -> tuple[Staff | None, list[Staff]]:
    """The staff named in ?stab=, or the first the user may read; 404 for one they may not."""
    staffs = list(staffs_for(request.user, action))
    slug = request.GET.get("stab")
    if not slug:
        return (staffs[0] if staffs else None), staffs
    for staff in staffs:
        if staff.slug == slug:
            return staff, staffs
    raise Http404


def page(request: HttpRequest, template: str, staff: Staff, **context: Any) -> HttpResponse:
    """Render with `may` scoped to the staff the page is about."""
    return render(
        request, template, {"staff": staff, "may": may_map(request.user, staff), **context}
    )


def form_page(
    request: HttpRequest, form: BaseForm, title: str, cancel: str, staff: Staff
) -> HttpResponse:
    return page(
        request,
        "staff_form.html",
        staff,
        form=form,
        title=title,
        cancel=cancel,
        multipart=form.is_multipart(),
    )


def saved_or_errors(
    request: HttpRequest, form: BaseForm, save: Any, message: str, then: str
) -> HttpResponse | None:
    """Call the service; its ValidationError lands on the form instead of a half-saved row."""
    try:
        save()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
        return None
    messages.success(request, message)
    return redirect(then)


def form_flow(
    request: HttpRequest,
    form: BaseForm,
    *,
    save: Any,
    message: str,
    then: str,
    title: str,
    staff: Staff,
    cancel: str = "",
) -> HttpResponse:
    """Show the form; on a valid POST call the service and go on, or show its errors."""
    if request.method == "POST" and form.is_valid():
        done = saved_or_errors(request, form, save, message, then)
        if done:
            return done
    return form_page(request, form, title, cancel or then, staff)


__all__ = [
    "actor",
    "form_flow",
    "form_page",
    "get_object_or_404",
    "page",
    "saved_or_errors",
    "staff_get",
]
