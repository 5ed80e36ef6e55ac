"""A lesson's actions: add, edit, move on (planned, done, verified, dropped); the follow-up list."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import require
from lagesbild.lessons.access import visible_q
from lagesbild.lessons.forms import ActionForm, ActionStatusForm
from lagesbild.lessons.models import ActionStatus, LessonAction
from lagesbild.lessons.services import actions as services
from lagesbild.lessons.views.common import action_get, lesson_get
from lagesbild.staff.pages import actor, form_flow, page, staff_chosen, staff_get


@require("lesson_edit")
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = lesson_get(request, pk, "lesson_edit")
    form = ActionForm(request.POST or None, staff=lesson.staff)
    return form_flow(
        request,
        form,
        save=lambda: services.action_add(lesson=lesson, actor=actor(request), **form.cleaned_data),
        message=_("Åtgärden är tillagd."),
        then=lesson.get_absolute_url() + "#atgarder",
        title=_("Ny åtgärd för %(code)s") % {"code": lesson.code},
        staff=lesson.staff,
    )


@require("lesson_edit")
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = action_get(request, pk, "lesson_edit")
    form = ActionForm(
        request.POST or None,
        staff=item.lesson.staff,
        initial={
            "text": item.text,
            "owner_user": item.owner_user_id,
            "owner_org": item.owner_org,
            "due": item.due,
            "note": item.note,
        },
    )
    return form_flow(
        request,
        form,
        save=lambda: services.action_update(action=item, actor=actor(request), **form.cleaned_data),
        message=_("Åtgärden är sparad."),
        then=item.lesson.get_absolute_url() + "#atgarder",
        title=_("Redigera åtgärd för %(code)s") % {"code": item.lesson.code},
        staff=item.lesson.staff,
    )


@require("lesson_edit")
def action_status(request: HttpRequest, pk: int, to: str) -> HttpResponse:
    """Move an action on with a note; verifying records who checked it worked."""
    item = action_get(request, pk, "lesson_edit")
    if to not in ActionStatus.values:
        raise Http404
    form = ActionStatusForm(request.POST or None, to=to)
    return form_flow(
        request,
        form,
        save=lambda: services.action_set_status(
            action=item, status=to, actor=actor(request), note=form.cleaned_data["note"]
        ),
        message=_("Åtgärden är nu ”%(status)s”.") % {"status": ActionStatus(to).label},
        then=item.lesson.get_absolute_url() + "#atgarder",
        title=f"{item.lesson.code}: {item.text[:60]} → {ActionStatus(to).label}",
        staff=item.lesson.staff,
    )


@require("lesson_view")
def actions_due(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Åtgärder att följa upp": open actions by due date, overdue first; done ones to verify."""
    staff = staff_get(request, slug, "lesson_view")
    _chosen, staffs = staff_chosen(request, "lesson_view")
    rows = LessonAction.objects.filter(
        visible_q(request.user, "lesson__"),
        lesson__staff=staff,
        status__in=(ActionStatus.PROPOSED, ActionStatus.PLANNED, ActionStatus.DONE),
    ).select_related("lesson", "owner_user")
    mine = request.GET.get("mina") == "1"
    if mine:
        rows = rows.filter(owner_user=actor(request))
    today = timezone.localdate()
    items = sorted(rows, key=lambda a: (a.due is None, a.due or today, a.pk))
    return page(
        request,
        "lessons/actions_due.html",
        staff,
        staffs=staffs,
        overdue=[a for a in items if a.is_overdue(today)],
        open_items=[a for a in items if a.is_open and not a.is_overdue(today)],
        to_verify=[a for a in items if a.status == ActionStatus.DONE],
        mine=mine,
        today=today,
        list_url=reverse("lessons:list", args=[staff.slug]),
    )
