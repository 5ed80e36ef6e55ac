"""The survey grid: web and survey answers in a table, filtered, sorted, coded many at once."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import require
from lagesbild.experiences.models import Channel, Source
from lagesbild.themes.forms import GridFilterForm
from lagesbild.themes.models import Code, Coding
from lagesbild.themes.services import AnalysisError, codings_apply_whole
from lagesbild.themes.views.common import context, workspace

PAGE_SIZE = 50
# Above this many answers, PostgreSQL shows the planner's estimate instead of a COUNT: a COUNT
# of 100,000 answers scans them all (263 ms measured), the estimate costs one EXPLAIN.
ESTIMATE_ABOVE = 10_000
SURVEY_CHANNELS = (Channel.WEB, Channel.SURVEY)
ORDER = {
    # Ids are random (an answer's id must not tell when it came): age is the answer's date.
    "-id": ("-date", "-id"),
    "id": ("date", "id"),
    "kategori": ("category__position", "category_id", "-id"),
    "fraga": ("prompt__position", "prompt_id", "-id"),
}


def grid_rows(
    sources: QuerySet[Source], data: dict[str, Any], page: int
) -> tuple[list[Source], bool]:
    """One page of answers (indexed offset, no COUNT of the filtered set) and whether more follow."""
    if data.get("code"):
        sources = sources.filter(
            id__in=Coding.objects.filter(code=data["code"]).values("source_id")
        )
    if data.get("category"):
        sources = sources.filter(category=data["category"])
    if data.get("prompt"):
        sources = sources.filter(prompt=data["prompt"])
    if data.get("uncoded"):
        sources = sources.filter(~Exists(Coding.objects.filter(source_id=OuterRef("pk"))))
    order = ORDER.get(data.get("sort") or "-id", ORDER["-id"])
    start = (page - 1) * PAGE_SIZE
    rows = list(
        sources.order_by(*order)
        .select_related("category", "prompt")
        .only("id", "text", "date", "channel", "category__name", "prompt__text", "respondent_id")[
            start : start + PAGE_SIZE + 1
        ]
    )
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    codes_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in (
        Coding.objects.filter(source_id__in=[r.pk for r in rows], sample__isnull=True)
        .values("source_id", "code_id", "code__name", "code__colour", "origin", "reviewed_at")
        .order_by("source_id", "code__name")
    ):
        have = codes_of[row["source_id"]]
        if not any(c["code_id"] == row["code_id"] for c in have):
            have.append(dict(row))
    for r in rows:
        r.grid_codes = codes_of.get(r.pk, [])  # type: ignore[attr-defined]
    return rows, more


def answers_total(sources: QuerySet[Source]) -> tuple[int, bool]:
    """How many answers, and whether that is an estimate.

    Exact up to ESTIMATE_ABOVE (a COUNT that stops after that many rows). Beyond it, on
    PostgreSQL, the planner's row estimate for the same query, rounded to hundreds; SQLite
    counts through the (collection, channel) index in a few milliseconds, so it stays exact.
    """
    sources = sources.order_by()
    if connection.vendor != "postgresql":
        return sources.count(), False
    capped = sources[: ESTIMATE_ABOVE + 1].count()
    if capped <= ESTIMATE_ABOVE:
        return capped, False
    sql, params = sources.values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    estimate = int(plan[0]["Plan"]["Plan Rows"])
    return max(capped, round(estimate, -2)), True


@require("code_experiences")
def survey_grid(request: HttpRequest, slug: str) -> HttpResponse:
    collection, codebook = workspace(request, slug)
    if request.method == "POST":
        return _bulk(request, slug, codebook)
    form = GridFilterForm(request.GET or None, collection=collection, codebook=codebook)
    data = form.cleaned_data if form.is_valid() else {}
    try:
        page = max(1, int(request.GET.get("sida", "1")))
    except ValueError:
        page = 1
    base = Source.objects.filter(collection=collection, channel__in=SURVEY_CHANNELS)
    rows, more = grid_rows(base, data, page)
    total, approximate = answers_total(base)
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "themes/grid.html",
        context(
            request,
            collection,
            codebook,
            form=form,
            rows=rows,
            page=page,
            more=more,
            query=query.urlencode(),
            total=total,
            approximate=approximate,
            codes=codebook.codes.active(),
        ),
    )


def _bulk(request: HttpRequest, slug: str, codebook: Any) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("source") if i.isdigit()]
    code = Code.objects.filter(codebook=codebook, pk=request.POST.get("code") or 0).first()
    back = request.POST.get("next", "")
    target = back if back.startswith("/") and not back.startswith("//") else None
    if not ids or code is None:
        messages.error(request, _("Välj minst ett svar och en kod."))
    else:
        sources = Source.objects.filter(collection_id=codebook.collection_id, pk__in=ids)
        try:
            made = codings_apply_whole(sources=sources, code=code, coder=request.user)  # type: ignore[arg-type]
        except AnalysisError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("%(n)d svar kodades med ”%(code)s”.") % {"n": made, "code": code.name},
            )
    return redirect(target) if target else redirect("themes:grid", slug=slug)
