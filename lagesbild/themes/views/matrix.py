"""Triangulation: codes × participant category and codes × channel, sources and respondents."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lagesbild.accounts.permissions import require
from lagesbild.experiences.models import Channel
from lagesbild.themes.services import matrix_counts
from lagesbild.themes.views.codebook import code_tree, subtrees
from lagesbild.themes.views.common import context, workspace


@require("code_experiences")
def matrix(request: HttpRequest, slug: str) -> HttpResponse:
    """Each cell links to the code's segments filtered to that column."""
    collection, codebook = workspace(request, slug)
    include_proposals = request.GET.get("alla") == "1"
    categories = list(collection.categories.all())
    channels = [(v, label) for v, label in Channel.choices]
    tree = code_tree(list(codebook.codes.active()))
    # A code with sub-codes counts the sources coded with it or any code below it, once each:
    # a theme rests on what its sub-codes found.
    subs = subtrees(tree)
    counts = matrix_counts(codebook=codebook, subtrees=subs, include_proposals=include_proposals)

    def cell(axis: str, code_id: int, column: Any) -> dict[str, int] | None:
        found = counts[axis].get(f"{code_id}:{column}")
        return {"sources": found[0], "respondents": found[1]} if found else None

    rows = []
    for code, depth in tree:
        cat_cells = [cell("category", code.pk, c.pk) for c in categories]
        chan_cells = [cell("channel", code.pk, v) for v, _label in channels]
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
