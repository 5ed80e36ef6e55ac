"""Quotes in reports: `[@citat:ID]` cites a confirmed coding of the staff's own material.

The quote is the coded span of the source's redacted text (readers never see the original),
with its channel, participant category and date, and how many people that category has, so
the public feedback page can leave out quotes from small groups.
"""

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from lagesbild.reports.citations import Cited, citation_kind
from lagesbild.staff.models import Staff
from lagesbild.themes.models import Coding


def quote_meta(coding: Coding, respondents: dict[int | None, int] | None = None) -> dict[str, Any]:
    """What a footnote and the feedback page say about a quote, beside its text."""
    from lagesbild.experiences.report_parts import category_respondents

    source = coding.source
    if respondents is None:
        respondents = category_respondents(source.collection_id)
    return {
        "channel": str(source.get_channel_display()),
        "category": source.category.name if source.category else "",
        "date": date_format(source.date, "j F Y") if source.date else "",
        "code": coding.code.name,
        # None when the source has no category: such a quote is never shown publicly.
        "category_respondents": respondents.get(source.category_id) if source.category_id else None,
    }


def quote_label(meta: dict[str, Any]) -> str:
    return ", ".join(str(meta[k]) for k in ("channel", "category", "date") if meta.get(k))


def quote_cited(coding: Coding, respondents: dict[int | None, int] | None = None) -> Cited:
    meta = quote_meta(coding, respondents)
    source = coding.source
    return Cited(
        text=" ".join(coding.passage().split()),
        label=quote_label(meta),
        url=reverse("themes:source", args=[source.collection.slug, source.pk]),
        meta=meta,
    )


def quotes_cited(
    codings: Iterable[Coding], counts: dict[int, dict[int | None, int]] | None = None
) -> dict[int, Cited]:
    """Each coding (by id) as cited. People per category are counted once per collection;
    pass `counts` to share that between the calls of one render."""
    from lagesbild.experiences.report_parts import category_respondents

    counts = {} if counts is None else counts
    out = {}
    for coding in codings:
        collection = coding.source.collection_id
        if collection not in counts:
            counts[collection] = category_respondents(collection)
        out[coding.pk] = quote_cited(coding, counts[collection])
    return out


def quotes_resolve(staff: Staff, numbers: list[int]) -> dict[int, Cited]:
    """The confirmed codings with these ids in this staff's material; nothing else."""
    return quotes_cited(
        Coding.objects.confirmed()
        .filter(pk__in=numbers, sample__isnull=True, source__collection__staff=staff)
        .select_related("source__collection", "source__category", "code")
    )


citation_kind("citat", label=gettext_lazy("Citat"), resolve=quotes_resolve, role="said")
