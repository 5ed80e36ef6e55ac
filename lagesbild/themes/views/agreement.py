"""Inter-coder agreement: draw a sample, code it blind, then compare."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import require, users_with
from lagesbild.themes.forms import SampleForm
from lagesbild.themes.models import AgreementSample, Coding, RunStatus, SuggestionStatus, ThemeRun
from lagesbild.themes.services import (
    AnalysisError,
    sample_agreement,
    sample_coders,
    sample_create,
)
from lagesbild.themes.views.common import context, workspace


def _coders(staff):  # type: ignore[no-untyped-def]
    return users_with("code_experiences", staff).order_by("first_name", "username")


def _runs(codebook):  # type: ignore[no-untyped-def]
    """Finished runs with at least one theme confirmed as a code: the engine can code with them."""
    confirmed = Q(themes__status=SuggestionStatus.CONFIRMED, themes__code__isnull=False)
    return (
        ThemeRun.objects.filter(codebook=codebook, status=RunStatus.DONE)
        .annotate(n_confirmed=Count("themes", filter=confirmed))
        .filter(n_confirmed__gt=0)
        .order_by("-created_at", "-id")
    )


@require("code_experiences")
def samples(request: HttpRequest, slug: str) -> HttpResponse:
    collection, codebook = workspace(request, slug)
    form = SampleForm(request.POST or None, coders=_coders(collection.staff), runs=_runs(codebook))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sample = sample_create(
                codebook=codebook,
                title=data["title"],
                size=data["size"],
                coders=[data["coder_a"]] + ([data["coder_b"]] if data["coder_b"] else []),
                engine_run=data["engine_run"],
            )
        except AnalysisError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Provet är draget. Kodarna ser det under Överensstämmelse.")
            )
            return redirect("themes:sample", slug=slug, pk=sample.pk)
    return render(
        request,
        "themes/samples.html",
        context(
            request,
            collection,
            codebook,
            form=form,
            samples=codebook.samples.prefetch_related("coders").select_related("engine_run"),
        ),
        status=400 if request.method == "POST" else 200,
    )


@require("code_experiences")
def sample_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The sample's sources with each coder's progress; results only on request (they unblind)."""
    collection, codebook = workspace(request, slug)
    sample = get_object_or_404(AgreementSample, codebook=codebook, pk=pk)
    coders = sample_coders(sample)
    sources = list(sample.sources.order_by("pk"))
    done = {
        coder.key: Coding.objects.filter(sample=sample, coder_id=coder.key)
        .values("source_id")
        .distinct()
        .count()
        for coder in coders
    }
    show = request.GET.get("visa") == "1"
    return render(
        request,
        "themes/sample_detail.html",
        context(
            request,
            collection,
            codebook,
            sample=sample,
            coders=[(c, done[c.key]) for c in coders],
            sources=sources,
            is_coder=any(c.key is not None and c.key == request.user.pk for c in coders),
            result=sample_agreement(sample=sample) if show else None,
        ),
    )
