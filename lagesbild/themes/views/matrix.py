"""Triangulation: codes × participant category and codes × channel, sources and respondents."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lagesbild.accounts.permissions import require
from lagesbild.experiences.models import Channel
from lagesbild.themes.models import Coding
from lagesbild.themes.views.codebook import code_tree, subtrees
from lagesbild.themes.views.common import context, workspace


def _counts(codings: Any, field: str) -> dict[tuple[int, Any], dict[str, int]]:
    rows = codings.values("code_id", field).annotate(
        sources=Count("source", distinct=True),
        respondents=Count("source__respondent", distinct=True),
    )
    return {(r["code_id"], r[field]): r for r in rows}


def _rolled(codings: Any, field: str) -> Any:
    return codings.values(field).annotate(
        sources=Count("source", distinct=True),
        respondents=Count("source__respondent", distinct=True),
    )


@require("code_experiences")
def matrix(request: HttpRequest, slug: str) -> HttpResponse:
    """Each cell links to the code's segments filtered to that column."""
    collection, codebook = workspace(request, slug)
    include_proposals = request.GET.get("alla") == "1"
    codings = Coding.objects.filter(code__codebook=codebook, sample__isnull=True)
    if not include_proposals:
        codings = codings.confirmed()
    categories = list(collection.categories.all())
    channels = [(v, label) for v, label in Channel.choices]
    by_category = _counts(codings, "source__category_id")
    by_channel = _counts(codings, "source__channel")
    tree = code_tree(list(codebook.codes.active()))
    # A code with sub-codes counts the sources coded with it or any code below it, once each:
    # a theme rests on what its sub-codes found.
    subs = subtrees(tree)
    for code_id, subtree in subs.items():
        if len(subtree) > 1:
            rolled = codings.filter(code_id__in=subtree)
            for field, target in (
                ("source__category_id", by_category),
                ("source__channel", by_channel),
            ):
                for row in _rolled(rolled, field):
                    target[(code_id, row[field])] = row
    rows = []
    for code, depth in tree:
        cat_cells = [by_category.get((code.pk, c.pk)) for c in categories]
        chan_cells = [by_channel.get((code.pk, v)) for v, _label in channels]
        used_cats = sum(1 for c in cat_cells if c)
        used_chans = sum(1 for c in chan_cells if c)
        rows.append(
            {
                "code": code,
                "depth": depth,
                "rolled": len(subs.get(code.pk, [])) > 1,
                "categories": list(zip(categories, cat_cells, strict=True)),
                "channels": list(zip(channels, chan_cells, strict=True)),
                "one_category": used_cats == 1,
                "one_channel": used_chans == 1,
                "empty": not used_cats and not used_chans,
            }
        )
    return render(
        request,
        "themes/matrix.html",
        context(
            request,
            collection,
            codebook,
            rows=rows,
            categories=categories,
            channels=channels,
            include_proposals=include_proposals,
        ),
    )
