"""Coding one source: the text with its codings, the coding form, memos, find more like this."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import require
from lagesbild.experiences.models import Source
from lagesbild.themes.forms import CodingForm, MemoForm
from lagesbild.themes.models import AgreementSample, Codebook, Coding, Memo, RunStatus, ThemeRun
from lagesbild.themes.services import (
    AnalysisError,
    coding_create,
    coding_delete,
    codings_review,
    memo_create,
    source_similar,
)
from lagesbild.themes.views.common import context, highlighted, workspace


def visible_codings(
    source: Source, user_id: int | None, sample: AgreementSample | None
) -> list[Coding]:
    """Outside a sample: the ordinary codings. In a sample: only this coder's own (blind)."""
    codings = Coding.objects.filter(source=source).select_related(
        "code", "coder", "reviewed_by", "run"
    )
    if sample is None:
        return list(codings.filter(sample__isnull=True))
    return list(codings.filter(sample=sample, coder_id=user_id))


def _sample(request: HttpRequest, codebook: Codebook, source: Source) -> AgreementSample | None:
    key = request.GET.get("prov") or ""
    if not key.isdigit():
        return None
    return get_object_or_404(
        AgreementSample, codebook=codebook, pk=int(key), coders=request.user.pk, sources=source
    )


@require("code_experiences")
def source_code(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The reading view for coding: select text (or type it), tick codes, save."""
    collection, codebook = workspace(request, slug)
    source = get_object_or_404(
        Source.objects.select_related("category", "prompt"), collection=collection, pk=pk
    )
    sample = _sample(request, codebook, source)
    form = CodingForm(request.POST or None, codebook=codebook, text=source.text)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                for code in data["codes"]:
                    coding_create(
                        source=source,
                        code=code,
                        start=data["start"],
                        end=data["end"],
                        coder=request.user,  # type: ignore[arg-type]
                        sample_id=sample.pk if sample else None,
                    )
            except AnalysisError as exc:
                form.add_error(None, str(exc))
            else:
                names = ", ".join(c.name for c in data["codes"])
                messages.success(request, _("Kodat med %(codes)s.") % {"codes": names})
                return redirect(request.get_full_path())
        status = 400
    codings = visible_codings(source, request.user.pk, sample)
    siblings = []
    if source.respondent_id:
        siblings = list(
            Source.objects.filter(respondent_id=source.respondent_id)
            .exclude(pk=source.pk)
            .select_related("prompt")
        )
    neighbours = Source.objects.filter(collection=collection, channel=source.channel)
    latest_run = ThemeRun.objects.filter(codebook=codebook, status=RunStatus.DONE).first()
    return render(
        request,
        "themes/source_code.html",
        context(
            request,
            collection,
            codebook,
            source=source,
            text_html=highlighted(source.text, codings),
            codings=codings,
            form=form,
            memo_form=MemoForm(),
            memos=Memo.objects.filter(source=source).select_related("author", "coding__code"),
            siblings=siblings,
            previous=neighbours.filter(pk__lt=source.pk)
            .order_by("-pk")
            .values_list("pk", flat=True)
            .first(),
            next=neighbours.filter(pk__gt=source.pk)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first(),
            latest_run=latest_run,
            sample=sample,
        ),
        status=status,
    )


@require("code_experiences")
def coding_action(request: HttpRequest, slug: str, pk: int, coding_id: int) -> HttpResponse:
    """Remove, review or annotate one coding (POST only)."""
    collection, codebook = workspace(request, slug)
    coding = get_object_or_404(Coding, source__collection=collection, source_id=pk, pk=coding_id)
    if coding.sample_id and coding.coder_id != request.user.pk:
        raise Http404  # another coder's blind sample coding is not there for this person
    if request.method == "POST":
        verb = request.POST.get("do")
        if verb == "delete":
            try:
                coding_delete(coding=coding, actor=request.user)  # type: ignore[arg-type]
            except ValidationError as exc:  # a published lesson quotes it
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("Kodningen är borttagen."))
        elif verb == "review":
            codings_review(codings=[coding], actor=request.user)  # type: ignore[arg-type]
            messages.success(request, _("Kodningen är granskad och räknas som bekräftad."))
        elif verb == "memo":
            memo = MemoForm(request.POST)
            if memo.is_valid():
                memo_create(
                    codebook=codebook,
                    coding=coding,
                    source=coding.source,
                    text=memo.cleaned_data["text"],
                    author=request.user,  # type: ignore[arg-type]
                )
                messages.success(request, _("Memot är sparat."))
    nxt = request.POST.get("next", "")
    if nxt.startswith("/") and not nxt.startswith("//"):
        return redirect(nxt)
    return redirect("themes:source", slug=slug, pk=pk)


@require("code_experiences")
def source_memo(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    collection, codebook = workspace(request, slug)
    source = get_object_or_404(Source, collection=collection, pk=pk)
    form = MemoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        memo_create(
            codebook=codebook,
            source=source,
            text=form.cleaned_data["text"],
            author=request.user,  # type: ignore[arg-type]
        )
        messages.success(request, _("Memot är sparat."))
    return redirect("themes:source", slug=slug, pk=pk)


@require("code_experiences")
def source_more_like(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Find more like this: the latest finished run's nearest texts, to code look-alikes."""
    collection, codebook = workspace(request, slug)
    source = get_object_or_404(Source, collection=collection, pk=pk)
    run = ThemeRun.objects.filter(codebook=codebook, status=RunStatus.DONE).first()
    hits: list[tuple[Source, float]] = []
    error = ""
    if run is None:
        error = _("Gör en temasökning först; liknande texter hittas med dess modell.")
    else:
        try:
            hits = source_similar(run=run, source=source, k=20)
        except AnalysisError as exc:
            error = str(exc)
    return render(
        request,
        "themes/more_like.html",
        context(request, collection, codebook, source=source, hits=hits, error=error, run=run),
    )
