"""The workspace overview, the codebook and a code's page with its segments and memos."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import require, staffs_for
from lagesbild.experiences.models import Collection
from lagesbild.themes.forms import CodeForm, MemoForm, MergeForm
from lagesbild.themes.models import Code, Coding, Memo, Origin, SuggestionStatus, ThemeRun
from lagesbild.themes.services import (
    AnalysisError,
    campaign_count,
    code_create,
    code_merge,
    code_restore,
    code_retire,
    code_update,
    coded_count,
    codes_annotated,
    memo_create,
)
from lagesbild.themes.views.common import context, workspace


@require("code_experiences")
def index(request: HttpRequest) -> HttpResponse:
    """The collections this person may analyse."""
    collections = Collection.objects.filter(
        staff__in=staffs_for(request.user, "code_experiences")
    ).annotate(n=Count("sources"))
    return render(request, "themes/index.html", {"collections": collections})


def code_tree(codebook_codes: list[Code]) -> list[tuple[Code, int]]:
    """Codes in tree order with their depth, for an indented list."""
    children: dict[int | None, list[Code]] = {}
    ids = {c.pk for c in codebook_codes}
    for code in codebook_codes:
        parent = code.parent_id if code.parent_id in ids else None
        children.setdefault(parent, []).append(code)
    out: list[tuple[Code, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for code in children.get(parent, []):
            out.append((code, depth))
            walk(code.pk, depth + 1)

    walk(None, 0)
    return out


def subtrees(tree: list[tuple[Code, int]]) -> dict[int, list[int]]:
    """Each code's id with the ids of every code below it (the tree is in depth-first order)."""
    out: dict[int, list[int]] = {}
    stack: list[tuple[int, int]] = []
    for code, depth in tree:
        while stack and stack[-1][1] >= depth:
            stack.pop()
        out[code.pk] = [code.pk]
        for ancestor, _depth in stack:
            out[ancestor].append(code.pk)
        stack.append((code.pk, depth))
    return out


@require("code_experiences")
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    """Where an analyst starts: the codebook at a glance and the ways into the material."""
    collection, codebook = workspace(request, slug)
    codes = codes_annotated(codebook=codebook, codes=list(codebook.codes.active()))
    runs = ThemeRun.objects.filter(codebook=codebook)[:3]
    suggested = codebook.runs.filter(themes__status=SuggestionStatus.SUGGESTED).distinct().count()
    total = collection.sources.count()
    coded = coded_count(codebook=codebook)
    return render(
        request,
        "themes/overview.html",
        context(
            request,
            collection,
            codebook,
            tree=code_tree(codes),
            runs=runs,
            suggested=suggested,
            total=total,
            coded=coded,
            memos=codebook.memos.filter(code=None, source=None, coding=None)[:5],
            memo_form=MemoForm(),
        ),
    )


@require("code_experiences")
def codes(request: HttpRequest, slug: str) -> HttpResponse:
    """The codebook: the tree of codes with counts, and a form for a new code."""
    collection, codebook = workspace(request, slug)
    form = CodeForm(request.POST or None, codebook=codebook)
    if request.method == "POST":
        workspace(request, slug, "manage_codebook")
        if form.is_valid():
            data = form.cleaned_data
            try:
                code = code_create(
                    codebook=codebook,
                    name=data["name"],
                    description=data["description"],
                    colour=data["colour"],
                    is_theme=data["is_theme"],
                    parent=data["parent"],
                    actor=request.user,  # type: ignore[arg-type]
                )
            except AnalysisError as exc:
                form.add_error("name", str(exc))
            else:
                messages.success(request, _("Koden ”%(name)s” är skapad.") % {"name": code.name})
                return redirect("themes:codes", slug=slug)
    all_codes = codes_annotated(
        codebook=codebook, codes=list(codebook.codes.select_related("merged_into"))
    )
    active = [c for c in all_codes if c.is_active]
    return render(
        request,
        "themes/codes.html",
        context(
            request,
            collection,
            codebook,
            tree=code_tree(active),
            retired=[c for c in all_codes if not c.is_active],
            form=form,
        ),
        status=400 if request.method == "POST" else 200,
    )


SEGMENTS_PAGE = 50


@require("code_experiences")
def code_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One code: its description, every coded segment with source, channel and category, memos."""
    collection, codebook = workspace(request, slug)
    code = get_object_or_404(
        Code.objects.select_related("parent", "merged_into"), codebook=codebook, pk=pk
    )
    form = CodeForm(
        codebook=codebook,
        exclude=code,
        initial={
            "name": code.name,
            "description": code.description,
            "colour": code.colour,
            "is_theme": code.is_theme,
            "parent": code.parent_id,
            "version": code.version,
        },
    )
    status = 200
    if request.method == "POST":
        if request.POST.get("do") != "memo":  # anyone who codes may write a memo on a code
            workspace(request, slug, "manage_codebook")
        response, form, status = _code_post(request, slug, codebook, code, form)
        if response:
            return response
    codes = [code.pk]
    if request.GET.get("underkoder") == "1":
        codes = subtrees(code_tree(list(codebook.codes.active()))).get(code.pk, [code.pk])
    segments = (
        Coding.objects.filter(code_id__in=codes, sample__isnull=True)
        .select_related("code", "source__category", "source__prompt", "coder", "reviewed_by", "run")
        .order_by("source_id", "start", "id")
    )
    if request.GET.get("ursprung") in (Origin.PERSON, Origin.ENGINE):
        segments = segments.filter(origin=request.GET["ursprung"])
    # The triangulation matrix links each cell here, filtered to its category or channel.
    if request.GET.get("kategori", "").isdigit():
        segments = segments.filter(source__category_id=int(request.GET["kategori"]))
    if request.GET.get("kanal"):
        segments = segments.filter(source__channel=request.GET["kanal"])
    query = request.GET.copy()
    query.pop("sida", None)
    page = Paginator(segments, SEGMENTS_PAGE).get_page(request.GET.get("sida"))
    source_ids = Coding.objects.filter(code_id__in=codes, sample__isnull=True).values("source_id")
    return render(
        request,
        "themes/code_detail.html",
        context(
            request,
            collection,
            codebook,
            code=code,
            form=form,
            merge_form=MergeForm(codebook=codebook, code=code),
            memo_form=MemoForm(),
            memos=code.memos.select_related("author"),
            page=page,
            campaign=campaign_count(source_ids),
            ancestors=_ancestors(code),
            query=query.urlencode(),
            with_children=len(codes) > 1,
        ),
        status=status,
    )


def _ancestors(code: Code) -> list[Code]:
    out: list[Code] = []
    node = code.parent
    while node is not None and len(out) < 20:
        out.insert(0, node)
        node = node.parent
    return out


def _code_post(request, slug, codebook, code, form):  # type: ignore[no-untyped-def]
    actor = request.user
    verb = request.POST.get("do")
    try:
        if verb == "update":
            form = CodeForm(request.POST, codebook=codebook, exclude=code)
            if not form.is_valid():
                return None, form, 400
            data = form.cleaned_data
            code_update(
                code=code,
                version=data["version"] or 0,
                actor=actor,
                name=data["name"],
                description=data["description"],
                colour=data["colour"],
                is_theme=data["is_theme"],
                parent=data["parent"],
            )
            messages.success(request, _("Koden är sparad."))
        elif verb == "merge":
            merge = MergeForm(request.POST, codebook=codebook, code=code)
            if not merge.is_valid():
                raise AnalysisError(_("Välj koden att slå ihop med."))
            into = merge.cleaned_data["into"]
            moved = code_merge(code=code, into=into, actor=actor)
            messages.success(
                request,
                _("”%(a)s” är sammanslagen med ”%(b)s”; %(n)d kodningar flyttades.")
                % {"a": code.name, "b": into.name, "n": moved},
            )
            return redirect("themes:code", slug=slug, pk=into.pk), form, 200
        elif verb == "retire":
            code_retire(code=code, actor=actor)
            messages.success(request, _("Koden är avvecklad. Kodningarna finns kvar."))
        elif verb == "restore":
            code_restore(code=code, actor=actor)
            messages.success(request, _("Koden används igen."))
        elif verb == "memo":
            memo = MemoForm(request.POST)
            if memo.is_valid():
                memo_create(
                    codebook=codebook, code=code, text=memo.cleaned_data["text"], author=actor
                )
                messages.success(request, _("Memot är sparat."))
    except (AnalysisError, ValidationError) as exc:
        # A guard of another app (a published lesson cites the code) raises ValidationError.
        problems = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        if not form.is_bound:  # merge, retire: the edit form was not posted, so say it above
            for message in problems:
                messages.error(request, message)
            return redirect("themes:code", slug=slug, pk=code.pk), form, 200
        for message in problems:
            form.add_error(None, message)
        return None, form, 409 if exc.__class__.__name__ == "StaleEdit" else 400
    return redirect("themes:code", slug=slug, pk=code.pk), form, 200


@require("code_experiences")
def memos(request: HttpRequest, slug: str) -> HttpResponse:
    """Every memo of the project, newest first; new project memos are written here."""
    collection, codebook = workspace(request, slug)
    form = MemoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        memo_create(codebook=codebook, text=form.cleaned_data["text"], author=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Memot är sparat."))
        return redirect("themes:memos", slug=slug)
    all_memos = Memo.objects.filter(codebook=codebook).select_related(
        "author", "code", "source", "coding__code"
    )
    page = Paginator(all_memos, 50).get_page(request.GET.get("sida"))
    return render(
        request, "themes/memos.html", context(request, collection, codebook, page=page, form=form)
    )
