"""The evidence chain for readers: one page per footnote of a version, and the feedback page
("Ni sa … Vi lärde oss … Vi kommer att …") built from a published version's frozen citations."""

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from lagesbild.accounts.permissions import may_map
from lagesbild.lib.markdown import render_markdown
from lagesbild.reports.citations import CITATION_KINDS
from lagesbild.reports.footnotes import quote_is_public
from lagesbild.reports.models import SeriesKind
from lagesbild.reports.rendering import report_render
from lagesbild.reports.views.reading import login_on_refusal, public_or_require, readable_report


@public_or_require("read_published")
@login_on_refusal
def citation(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Footnote `number` of a version: the quote or lesson as it read, and where it is cited."""
    report = readable_report(request, pk)
    rendered = report_render(report)
    footnote = next((f for f in rendered.footnotes if f.number == number), None)
    if footnote is None:
        raise Http404
    permissions = may_map(request.user, report.series.staff)
    return render(
        request,
        "reports/citation.html",
        {
            "report": report,
            "footnote": footnote,
            "statement": render_markdown(footnote.text) if footnote.role == "learned" else "",
            "quotes": footnote.meta.get("quotes", []) if footnote.role == "learned" else [],
            "actions": footnote.meta.get("actions", []),
            "may": permissions,
            # The analysis workspace and the lesson page are the staff's, not the readers'.
            "staff_link": footnote.url if permissions.get("read_drafts") else "",
            "is_draft": not report.is_published,
        },
    )


@public_or_require("read_published")
@login_on_refusal
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """The page for those who spoke: only frozen content, and no quote from a small category."""
    report = readable_report(request, pk)
    if not report.is_published or report.series.kind != SeriesKind.JOINT_REPORT:
        raise Http404
    minimum = settings.FEEDBACK_MIN_CATEGORY
    said: list[dict[str, Any]] = []
    learned: list[dict[str, Any]] = []
    actions: list[dict[str, Any]] = []
    seen: set[str] = set()
    withheld = 0

    def hear(text: str, meta: dict[str, Any]) -> None:
        nonlocal withheld
        if not text or text in seen:
            return
        seen.add(text)
        if quote_is_public(meta, minimum):
            said.append({"text": text, "category": meta.get("category", ""), **meta})
        else:
            withheld += 1

    for row in report.citations.filter(missing=False).order_by("number"):
        kind = CITATION_KINDS.get(row.prefix)
        if kind is not None and kind.role == "learned":
            learned.append(
                {
                    "code": row.meta.get("code", ""),
                    "title": row.meta.get("title", row.label),
                    "statement": render_markdown(row.text),
                    "area": row.meta.get("area", ""),
                }
            )
            for quote in row.meta.get("quotes", []):
                hear(quote.get("text", ""), quote)
            for action in row.meta.get("actions", []):
                actions.append({**action, "lesson": row.meta.get("code", "")})
        else:
            hear(row.text, row.meta)
    return render(
        request,
        "reports/feedback.html",
        {
            "report": report,
            "said": said,
            "learned": learned,
            "actions": actions,
            "withheld": withheld,
            "minimum": minimum,
        },
    )
