"""The open web question: staff publish it; employees answer anonymously without an account."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from lagesbild.accounts.permissions import check_staff, require
from lagesbild.experiences.forms import AnswerForm, WebQuestionForm
from lagesbild.experiences.models import WebQuestion
from lagesbild.experiences.services import (
    answer_rate_allows,
    web_answer_submit,
    web_question_create,
    web_question_set_prompts,
)
from lagesbild.experiences.views import collection_for


@require("manage_experiences")
def web_question_new(request: HttpRequest, slug: str) -> HttpResponse:
    collection = collection_for(request, slug, "manage_experiences")
    form = WebQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        web_question_create(
            collection=collection,
            prompts=form.prompt_texts(),
            actor=request.user,  # type: ignore[arg-type]
            **data,
        )
        messages.success(request, _("Webbfrågan är sparad."))
        return redirect("experiences:dashboard", slug=slug)
    return render(
        request, "experiences/web_question_form.html", {"collection": collection, "form": form}
    )


@require("manage_experiences")
def web_question_edit(request: HttpRequest, slug: str, question_slug: str) -> HttpResponse:
    question = get_object_or_404(
        WebQuestion.objects.select_related("collection__staff"),
        collection__slug=slug,
        slug=question_slug,
    )
    check_staff(request, "manage_experiences", question.collection.staff)
    form = WebQuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        form.save()
        web_question_set_prompts(question=question, prompts=form.prompt_texts())
        messages.success(request, _("Webbfrågan är sparad."))
        return redirect("experiences:dashboard", slug=slug)
    return render(
        request,
        "experiences/web_question_form.html",
        {"collection": question.collection, "form": form, "question": question},
    )


# Public: no @require. Nothing here touches request.session, logs, or stores request metadata.
@never_cache
@csrf_protect
def answer(request: HttpRequest, question_slug: str) -> HttpResponse:
    question = get_object_or_404(
        WebQuestion.objects.select_related("collection"), slug=question_slug
    )
    today = timezone.localdate()
    if not question.is_open(today):
        not_yet = question.opens_on is not None and today < question.opens_on
        return render(
            request,
            "experiences/public_closed.html",
            {"question": question, "not_yet": not_yet},
            status=200 if not_yet else 410,
        )
    form = AnswerForm(request.POST or None, question=question)
    status = 200
    if request.method == "POST":
        if request.POST.get("website"):
            # A bot filled the hidden field: thank it and store nothing.
            return redirect("experiences:answer_thanks", question_slug=question.slug)
        if not answer_rate_allows(address=request.META.get("REMOTE_ADDR", "")):
            return render(
                request,
                "experiences/public_answer.html",
                {"question": question, "form": form, "rate_limited": True},
                status=429,
            )
        if form.is_valid():
            web_answer_submit(question=question, answers=form.answers(), category=form.category())
            return redirect("experiences:answer_thanks", question_slug=question.slug)
        status = 400
    return render(
        request,
        "experiences/public_answer.html",
        {"question": question, "form": form},
        status=status,
    )


@never_cache
def answer_thanks(request: HttpRequest, question_slug: str) -> HttpResponse:
    question = get_object_or_404(WebQuestion, slug=question_slug)
    return render(request, "experiences/public_thanks.html", {"question": question})
