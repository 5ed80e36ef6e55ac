"""Theme discovery: start a run, watch its progress, and confirm, rename, merge or discard."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import require
from lagesbild.themes.forms import RenameForm, RunForm
from lagesbild.themes.models import SuggestedMember, SuggestedTheme, SuggestionStatus, ThemeRun
from lagesbild.themes.services import (
    AnalysisError,
    campaign_count,
    member_move,
    run_assign_new,
    run_start,
    suggestion_confirm,
    suggestion_discard,
    suggestion_rename,
    suggestion_split,
    suggestions_merge,
)
from lagesbild.themes.views.common import context, workspace

PREVIEW = 5


@require("code_experiences")
def runs(request: HttpRequest, slug: str) -> HttpResponse:
    collection, codebook = workspace(request, slug)
    form = RunForm(request.POST or None, collection=collection)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = run_start(
                codebook=codebook,
                actor=request.user,  # type: ignore[arg-type]
                prompt=data["prompt"],
                channel=data["channel"],
                backend=data["backend"],
            )
        except AnalysisError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("themes:run", slug=slug, pk=run.pk)
    return render(
        request,
        "themes/runs.html",
        context(
            request,
            collection,
            codebook,
            form=form,
            runs=codebook.runs.select_related("prompt", "started_by"),
        ),
        status=400 if request.method == "POST" else 200,
    )


@require("code_experiences")
def run_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A run's suggestions; while it runs, the progress part is polled by htmx (or reloaded)."""
    collection, codebook = workspace(request, slug)
    run = get_object_or_404(ThemeRun.objects.select_related("prompt"), codebook=codebook, pk=pk)
    if request.headers.get("HX-Request") and not run.is_finished:
        return render(request, "themes/_run_progress.html", {"run": run, "collection": collection})
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    themes = list(run.themes.exclude(status=SuggestionStatus.MERGED).select_related("code"))
    # The page shows each theme's strongest few texts; all of them are on the theme's own page.
    for theme in themes:
        members = theme.members.select_related("source").order_by("-strength")
        theme.preview = list(members[:PREVIEW])  # type: ignore[attr-defined]
        theme.campaign = campaign_count(theme.members.values("source_id"))  # type: ignore[attr-defined]
    return render(
        request,
        "themes/run_detail.html",
        context(request, collection, codebook, run=run, themes=themes, rename_form=RenameForm()),
    )


@require("code_experiences")
def theme_detail(request: HttpRequest, slug: str, pk: int, theme_id: int) -> HttpResponse:
    """Every text of one suggestion, uncertain ones first, 100 a page, each movable."""
    collection, codebook = workspace(request, slug)
    run = get_object_or_404(ThemeRun, codebook=codebook, pk=pk)
    theme = get_object_or_404(SuggestedTheme.objects.select_related("code"), run=run, pk=theme_id)
    members = theme.members.select_related("source__category").order_by(
        "-uncertain", "-strength", "id"
    )
    page = Paginator(members, 100).get_page(request.GET.get("sida"))
    others = run.themes.exclude(pk=theme.pk).exclude(
        status__in=[SuggestionStatus.DISCARDED, SuggestionStatus.MERGED]
    )
    return render(
        request,
        "themes/theme_detail.html",
        context(
            request,
            collection,
            codebook,
            run=run,
            theme=theme,
            page=page,
            others=list(others),
            campaign=campaign_count(theme.members.values("source_id")),
        ),
    )


@require("code_experiences")
def run_action(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Every verdict on a run's suggestions, POST only; errors come back as messages."""
    collection, codebook = workspace(request, slug)
    run = get_object_or_404(ThemeRun, codebook=codebook, pk=pk)
    if request.method != "POST":
        return redirect("themes:run", slug=slug, pk=pk)
    verb = request.POST.get("do")
    actor = request.user
    chosen = list(
        SuggestedTheme.objects.filter(
            run=run, pk__in=[int(i) for i in request.POST.getlist("theme") if i.isdigit()]
        )
    )
    label = request.POST.get("label", "")
    try:
        if verb == "confirm" and chosen:
            code = suggestion_confirm(theme=chosen[0], actor=actor, label=label)  # type: ignore[arg-type]
            messages.success(
                request,
                _("”%(name)s” är bekräftat som tema. Maskinens kodningar väntar på granskning.")
                % {"name": code.name},
            )
        elif verb == "rename" and chosen:
            suggestion_rename(theme=chosen[0], label=label, actor=actor)  # type: ignore[arg-type]
            messages.success(request, _("Förslaget har bytt namn."))
        elif verb == "split" and chosen:
            new = suggestion_split(theme=chosen[0], actor=actor)  # type: ignore[arg-type]
            messages.success(
                request,
                _("Förslaget är delat; den nya delen heter ”%(label)s”.") % {"label": new.label},
            )
        elif verb == "discard" and chosen:
            suggestion_discard(theme=chosen[0], actor=actor)  # type: ignore[arg-type]
            messages.success(request, _("Förslaget är förkastat."))
        elif verb == "merge":
            suggestions_merge(themes=chosen, actor=actor, label=label)  # type: ignore[arg-type]
            messages.success(request, _("Förslagen är sammanslagna."))
        elif verb == "move":
            member = get_object_or_404(
                SuggestedMember, theme__run=run, pk=request.POST.get("member") or 0
            )
            target = get_object_or_404(SuggestedTheme, run=run, pk=request.POST.get("target") or 0)
            member_move(member=member, theme=target, actor=actor)  # type: ignore[arg-type]
            back = request.POST.get("next", "")
            if back.startswith("/") and not back.startswith("//"):
                messages.success(
                    request, _("Texten är flyttad till ”%(label)s”.") % {"label": target.label}
                )
                return redirect(back)
            messages.success(
                request, _("Texten är flyttad till ”%(label)s”.") % {"label": target.label}
            )
        elif verb == "assign":
            n = run_assign_new(run=run, actor=actor)  # type: ignore[arg-type]
            messages.success(
                request, _("%(n)d nya svar föreslogs till befintliga teman.") % {"n": n}
            )
        else:
            messages.error(request, _("Välj ett förslag först."))
    except AnalysisError as exc:
        messages.error(request, str(exc))
    return redirect("themes:run", slug=slug, pk=pk)
