"""The lessons list with its filters, a lesson's page, and its life: edit, move, publish."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lagesbild.accounts.permissions import require
from lagesbild.journal.services.journal import entries_citing
from lagesbild.lessons.access import lessons_visible, visible_q
from lagesbild.lessons.cited_by import cited_by
from lagesbild.lessons.forms import LessonForm, MoveForm
from lagesbild.lessons.models import ActionStatus, Area, Lesson, LessonAction, LessonState
from lagesbild.lessons.services import evidence as support
from lagesbild.lessons.services import life
from lagesbild.lessons.views.common import lesson_get, lesson_readable
from lagesbild.lib.markdown import render_markdown
from lagesbild.staff.pages import actor, form_flow, page, staff_chosen, staff_get


@require("lesson_view")
def index(request: HttpRequest) -> HttpResponse:
    staff, _staffs = staff_chosen(request, "lesson_view")
    if staff is None:
        raise Http404
    return redirect("lessons:list", slug=staff.slug)


def _owner_filter(lessons: list[Lesson], owner: str) -> list[Lesson]:
    """?agare=<user id> or free text matched against the actions' organisations."""
    out = []
    for lesson in lessons:
        for a in lesson.actions.all():
            if a.status == ActionStatus.DROPPED:
                continue
            if (owner.isdigit() and a.owner_user_id == int(owner)) or (
                not owner.isdigit() and owner.casefold() == a.owner_org.casefold()
            ):
                out.append(lesson)
                break
    return out


@require("lesson_view")
def lesson_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every lesson of the staff the person may see (readers: the published ones), filtered by
    area, state, strength of evidence and owner."""
    staff = staff_get(request, slug, "lesson_view")
    _chosen, staffs = staff_chosen(request, "lesson_view")
    lessons = lessons_visible(request.user, Lesson.objects.filter(staff=staff))
    lessons = lessons.prefetch_related("actions__owner_user")
    area, state = request.GET.get("omrade", ""), request.GET.get("lage", "")
    strength, owner = request.GET.get("stod", ""), request.GET.get("agare", "").strip()
    if area in Area.values:
        lessons = lessons.filter(area=area)
    if state in LessonState.values:
        lessons = lessons.filter(state=state)
    elif state != "alla":
        lessons = lessons.exclude(state__in=(LessonState.REJECTED, LessonState.MERGED))
    rows = list(lessons.order_by("number"))
    supports = support.supports_for(rows)
    if strength in support.STRENGTHS:
        rows = [r for r in rows if supports[r.pk].strength == strength]
    if owner:
        rows = _owner_filter(rows, owner)
    people: dict[str, str] = {}
    orgs: set[str] = set()
    seen = LessonAction.objects.filter(visible_q(request.user, "lesson__"), lesson__staff=staff)
    for a in seen.select_related("owner_user"):
        if a.owner_user_id:
            people[str(a.owner_user_id)] = a.owner_user.display_name()  # type: ignore[union-attr]
        if a.owner_org:
            orgs.add(a.owner_org)
    owners = sorted(people.items(), key=lambda p: p[1]) + [(o, o) for o in sorted(orgs)]
    return page(
        request,
        "lessons/lesson_list.html",
        staff,
        staffs=staffs,
        rows=[(lesson, supports[lesson.pk]) for lesson in rows],
        areas=Area.choices,
        states=LessonState.choices,
        strengths=[(s, support.strength_label(s)) for s in support.STRENGTHS],
        owners=owners,
        chosen={"omrade": area, "lage": state, "stod": strength, "agare": owner},
    )


@require("lesson_edit")
def lesson_create(request: HttpRequest, slug: str) -> HttpResponse:
    staff = staff_get(request, slug, "lesson_edit")
    form = LessonForm(request.POST or None)
    made: list[Lesson] = []

    def save() -> None:
        data = form.cleaned_data
        made.append(
            life.lesson_create(
                staff=staff,
                actor=actor(request),
                title=data["title"],
                observation=data["observation"],
                statement=data["statement"],
                area=data["area"],
            )
        )

    del form.fields["reason"]
    response = form_flow(
        request,
        form,
        save=save,
        message=_("Observationen är sparad. Lägg till belägg: koder och citat."),
        then=reverse("lessons:list", args=[staff.slug]),
        title=_("Ny lärdom"),
        staff=staff,
    )
    if made:
        return redirect("lessons:evidence", pk=made[0].pk)
    return response


STATE_BUTTONS = {
    LessonState.OBSERVATION: gettext_lazy("Tillbaka till observation"),
    LessonState.IDENTIFIED: gettext_lazy("Markera som identifierad lärdom"),
    LessonState.ACTION: gettext_lazy("Gå vidare till åtgärd"),
    LessonState.LEARNED: gettext_lazy("Markera som dragen lärdom"),
    LessonState.REJECTED: gettext_lazy("Avfärda"),
    LessonState.MERGED: gettext_lazy("Slå ihop med en annan lärdom"),
}


# A learned lesson goes back to action when a check shows the change did not hold.
REOPEN = gettext_lazy("Öppna igen: tillbaka till åtgärd")


@require("lesson_view")
def lesson_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The lesson for a reader, its support and quotes, actions, and its recorded life."""
    lesson = lesson_readable(request, pk)
    found = support.lesson_support(lesson)
    evidence = list(lesson.evidence.select_related("code__codebook__collection", "added_by"))
    by_coding = {e.coding_id: e for e in evidence if e.coding_id}
    moves = [(to, str(STATE_BUTTONS[LessonState(to)])) for to in life.MOVES.get(lesson.state, ())]
    return page(
        request,
        "lessons/lesson_detail.html",
        lesson.staff,
        lesson=lesson,
        statement_html=render_markdown(lesson.statement),
        support=found,
        strength_label=support.strength_label(found.strength),
        codes=[e for e in evidence if e.code_id],
        notes=[e for e in evidence if not e.code_id and not e.coding_id],
        quote_rows=[(q, by_coding[q.pk]) for q in found.quotes],
        actions=lesson.actions.select_related("owner_user", "verified_by"),
        history=lesson.moves.select_related("by"),
        moves=moves,
        merged_from=lessons_visible(request.user, lesson.merged_from.all()),
        journal=entries_citing(lesson)[:5],
        cited_by=cited_by(lesson, request.user),
    )


@require("lesson_edit")
def lesson_edit(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = lesson_get(request, pk, "lesson_edit")
    form = LessonForm(
        request.POST or None,
        initial={
            "title": lesson.title,
            "area": lesson.area,
            "observation": lesson.observation,
            "statement": lesson.statement,
            "reason": lesson.reason,
            "version": lesson.version,
        },
    )

    def save() -> None:
        data = form.cleaned_data
        life.lesson_update(
            lesson=lesson,
            version=data["version"] or 0,
            actor=actor(request),
            title=data["title"],
            observation=data["observation"],
            statement=data["statement"],
            area=data["area"],
            reason=data["reason"],
        )

    return form_flow(
        request,
        form,
        save=save,
        message=_("Lärdomen är sparad."),
        then=lesson.get_absolute_url(),
        title=_("Redigera %(code)s") % {"code": lesson.code},
        staff=lesson.staff,
    )


@require("lesson_edit")
def lesson_move(request: HttpRequest, pk: int, to: str) -> HttpResponse:
    """A move with its note (a reason to reject, a target to merge into); the rules refuse."""
    lesson = lesson_get(request, pk, "lesson_edit")
    if to not in LessonState.values:
        raise Http404
    form = MoveForm(request.POST or None, lesson=lesson, to=to, initial={"version": lesson.version})

    def save() -> None:
        data = form.cleaned_data
        life.lesson_move(
            lesson=lesson,
            to=to,
            actor=actor(request),
            note=data["note"],
            into=data.get("into"),
            version=data["version"],
        )

    return form_flow(
        request,
        form,
        save=save,
        message=_("%(code)s är nu ”%(state)s”.")
        % {"code": lesson.code, "state": LessonState(to).label},
        then=lesson.get_absolute_url(),
        title=f"{lesson.code}: {STATE_BUTTONS[LessonState(to)]}",
        staff=lesson.staff,
    )


@require_POST
@require("lesson_publish")
def lesson_publish(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = lesson_get(request, pk, "lesson_publish")
    publish = request.POST.get("do") != "unpublish"
    try:
        life.lesson_publish(lesson=lesson, actor=actor(request), publish=publish)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Lärdomen är publicerad.") if publish else _("Lärdomen är inte längre publicerad."),
        )
    return redirect(lesson)
