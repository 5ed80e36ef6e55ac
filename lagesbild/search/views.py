"""One search box over everything a person may open."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format

from lagesbild.search import query as index
from lagesbild.search.query import search_for, total_of
from lagesbild.search.registry import KINDS, LIVE_KINDS, all_kinds

MAX_QUERY = 200


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    kind = request.GET.get("slag", "")
    if kind not in KINDS and kind not in LIVE_KINDS:
        kind = ""
    newest = request.GET.get("ordning") == "nyast"
    groups = search_for(user=request.user, query=query, kind=kind, newest=newest) if query else []
    total, capped = total_of(groups)
    return render(
        request,
        "search/results.html",
        {
            "query": query,
            "kind": kind,
            "newest": newest,
            "groups": groups,
            "total": total,
            "capped": capped,
            # "1 000" in Swedish, "1,000" in English.
            "cap": number_format(index.COUNT_CAP, force_grouping=True),
            "kinds": all_kinds(),
        },
    )
