"""Adding evidence: from the lesson page (search codes, pick passages) and from the analysis."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lagesbild.accounts.permissions import check_staff, require
from lagesbild.lessons.forms import NoteEvidenceForm
from lagesbild.lessons.models import Lesson, LessonEvidence
from lagesbild.lessons.services import evidence as services
from lagesbild.lessons.services import life
from lagesbild.lessons.views.common import lesson_get
from lagesbild.staff.pages import actor, page
from lagesbild.themes.models import Code, Coding

PASSAGES_PAGE = 30


def _codes(staff_id: int, query: str = "") -> list[Code]:
    codes = Code.objects.active().filter(codebook__collection__staff_id=staff_id)
    if query:
        codes = codes.filter(name__icontains=query) | Code.objects.active().filter(
            codebook__collection__staff_id=staff_id, description__icontains=query
        )
    return list(codes.select_related("codebook__collection").distinct().order_by("name")[:50])


def _passages(code: Code) -> Paginator:
    """The code's confirmed passages, never blind-sample ones; redacted text only."""
    rows = (
        Coding.objects.confirmed()
        .filter(code=code, sample__isnull=True)
        .select_related("source__category")
        .order_by("-source__date", "source_id", "start")
    )
    return Paginator(rows, PASSAGES_PAGE)


def _add(request: HttpRequest, lesson: Lesson, **what: object) -> bool:
    try:
        services.evidence_add(lesson=lesson, actor=actor(request), **what)  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    return True


@require("lesson_edit")
def evidence_pick(request: HttpRequest, pk: int) -> HttpResponse:
    """Search the staff's codes; cite a code, or open it and tick the passages to quote."""
    lesson = lesson_get(request, pk, "lesson_edit")
    note_form = NoteEvidenceForm(request.POST if request.POST.get("do") == "note" else None)
    if request.method == "POST":
        verb = request.POST.get("do")
        added = 0
        if verb == "code":
            code = get_object_or_404(
                Code, pk=request.POST.get("code") or 0, codebook__collection__staff=lesson.staff
            )
            added += _add(request, lesson, code=code)
        elif verb == "codings":
            ids = [int(x) for x in request.POST.getlist("coding") if x.isdigit()]
            for coding in Coding.objects.filter(
                pk__in=ids, source__collection__staff=lesson.staff
            ).select_related("source__collection", "code"):
                added += _add(request, lesson, coding=coding)
            if not ids:
                messages.error(request, _("Markera minst ett citat."))
        elif verb == "note" and note_form.is_valid():
            added += _add(request, lesson, note=note_form.cleaned_data["note"])
        if added:
            messages.success(request, _("Belägget är tillagt."))
            return redirect(request.get_full_path())
    query = request.GET.get("q", "").strip()[:100]
    chosen = None
    passages = None
    if request.GET.get("kod", "").isdigit():
        chosen = get_object_or_404(
            Code, pk=int(request.GET["kod"]), codebook__collection__staff=lesson.staff
        )
        passages = _passages(chosen).get_page(request.GET.get("sida"))
    cited = set(lesson.evidence.values_list("coding_id", flat=True))
    return page(
        request,
        "lessons/evidence_pick.html",
        lesson.staff,
        lesson=lesson,
        query=query,
        codes=_codes(lesson.staff_id, query),
        chosen=chosen,
        passages=passages,
        cited=cited,
        cited_codes=set(lesson.evidence.values_list("code_id", flat=True)),
        note_form=note_form,
    )


@require("lesson_edit")
def from_analysis(request: HttpRequest) -> HttpResponse:
    """ "Lägg till i lärdom" from a code's page, a segment or a confirmed theme: pick the lesson."""
    code = coding = None
    if request.GET.get("kodning", "").isdigit():
        coding = get_object_or_404(
            Coding.objects.select_related("source__collection__staff", "source__category", "code"),
            pk=int(request.GET["kodning"]),
        )
        staff = coding.source.collection.staff
    else:
        raw = request.GET.get("kod", "")
        code = get_object_or_404(
            Code.objects.select_related("codebook__collection__staff"),
            pk=int(raw) if raw.isdigit() else 0,
        )
        staff = code.codebook.collection.staff
    check_staff(request, "lesson_edit", staff)
    lessons = Lesson.objects.filter(staff=staff).open().order_by("-number")
    if request.method == "POST":
        target = None
        try:
            if request.POST.get("lesson", "").isdigit():
                target = get_object_or_404(lessons, pk=int(request.POST["lesson"]))
            elif request.POST.get("title", "").strip():
                target = life.lesson_create(
                    staff=staff,
                    actor=actor(request),
                    title=request.POST["title"],
                    observation=coding.passage() if coding else "",
                )
            else:
                raise ValidationError(_("Välj en lärdom eller skriv en rubrik för en ny."))
            services.evidence_add(lesson=target, actor=actor(request), code=code, coding=coding)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Belägget är tillagt i %(code)s.") % {"code": target.code})
            return redirect(target)
    return page(
        request,
        "lessons/from_analysis.html",
        staff,
        code=code,
        coding=coding,
        lessons=lessons,
    )


@require_POST
@require("lesson_edit")
def evidence_remove(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    lesson = lesson_get(request, pk, "lesson_edit")
    evidence = get_object_or_404(LessonEvidence, lesson=lesson, pk=evidence_id)
    try:
        services.evidence_remove(evidence=evidence, actor=actor(request))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Belägget är borttaget."))
    return redirect(lesson)
