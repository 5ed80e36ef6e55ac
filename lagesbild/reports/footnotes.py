"""Citations as numbered footnotes: resolved live in a draft, frozen with a published version.

Rendering replaces each `[@citat:1234]` by a Markdown footnote reference `[^1]`, numbered per
report in order of first appearance; the page, PDF, Word file and Markdown export make real
footnotes of them (lib/pdf, lib/docx). Publishing writes a `ReportCitation` per footnote.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from lagesbild.reports.citations import (
    CITATION_KINDS,
    FOOTNOTE_REF,
    citations_in,
    citations_resolve,
)
from lagesbild.reports.models import Report, ReportCitation


@dataclass(frozen=True)
class Footnote:
    number: int
    prefix: str
    target: int
    text: str
    label: str
    url: str = ""  # the staff's address of the thing itself
    page_url: str = ""  # the reader's page for this footnote in this version
    meta: dict[str, Any] = field(default_factory=dict)
    sections: tuple[str, ...] = ()
    missing: bool = False

    @property
    def role(self) -> str:
        kind = CITATION_KINDS.get(self.prefix)
        return kind.role if kind else "said"

    @property
    def kind_label(self) -> str:
        kind = CITATION_KINDS.get(self.prefix)
        return str(kind.label) if kind else self.prefix

    @property
    def line(self) -> str:
        """The footnote as one line of plain text, the same in every output."""
        if self.missing:
            return _("%(kind)s %(n)s finns inte längre.") % {
                "kind": self.kind_label,
                "n": self.target,
            }
        if self.role == "said":
            return f"”{self.text}” ({self.label})"
        return self.label


def footnotes_outside(footnotes: list[Footnote]) -> list[dict[str, Any]]:
    """Footnotes for a mail or a static page, read away from the app: the page as a full address."""
    return [
        {
            "number": f.number,
            "line": f.line,
            "url": settings.SITE_URL + f.page_url if f.page_url and not f.missing else "",
            "role": f.role,
        }
        for f in footnotes
    ]


def footnotes_html(html: str, numbers: set[int]) -> str:
    """Footnote references in sanitised section HTML as superscript links to the list below."""

    def replace(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if n not in numbers:
            return match.group(0)
        label = escape(_("Fotnot %(n)s") % {"n": n})
        return f'<sup class="footnote-ref"><a href="#fotnot-{n}" aria-label="{label}">{n}</a></sup>'

    return FOOTNOTE_REF.sub(replace, html)


def _page_url(report: Report, number: int) -> str:
    if report.pk is None:
        return ""
    return reverse("reports:citation", args=[report.pk, number])


def footnotes_for(
    report: Report, numbers: dict[tuple[str, int], int], places: dict[tuple[str, int], list[str]]
) -> list[Footnote]:
    """The report's footnotes: frozen rows for a published version, resolved live otherwise."""
    out: list[Footnote] = []
    if report.is_published:
        frozen = {(c.prefix, c.target): c for c in report.citations.all()}
    else:
        frozen = {}
    live = citations_resolve(report.series.staff, [key for key in numbers if key not in frozen])
    for key, number in sorted(numbers.items(), key=lambda kv: kv[1]):
        row = frozen.get(key)
        if row is not None:
            out.append(
                Footnote(
                    number=number,
                    prefix=row.prefix,
                    target=row.target,
                    text=row.text,
                    label=row.label,
                    url=row.url,
                    page_url=_page_url(report, number),
                    meta=row.meta,
                    sections=tuple(row.sections),
                    missing=row.missing,
                )
            )
            continue
        cited = live[key]
        out.append(
            Footnote(
                number=number,
                prefix=key[0],
                target=key[1],
                text=cited.text if cited else "",
                label=cited.label if cited else "",
                url=cited.url if cited else "",
                page_url=_page_url(report, number),
                meta=cited.meta if cited else {},
                sections=tuple(places.get(key, ())),
                missing=cited is None,
            )
        )
    return out


def citations_freeze(report: Report, markdowns: list[tuple[str, str]]) -> None:
    """Store every citation in the (heading, frozen Markdown) sections as it reads now."""
    numbers: dict[tuple[str, int], int] = {}
    places: dict[tuple[str, int], list[str]] = {}
    for heading, markdown in markdowns:
        for key in citations_in(markdown):
            numbers.setdefault(key, len(numbers) + 1)
            places.setdefault(key, [])
            label = heading or _("(utan rubrik)")
            if label not in places[key]:
                places[key].append(label)
    resolved = citations_resolve(report.series.staff, numbers)
    for key, number in numbers.items():
        cited = resolved[key]
        ReportCitation.objects.update_or_create(
            report=report,
            prefix=key[0],
            target=key[1],
            defaults={
                "number": number,
                "text": cited.text if cited else "",
                "label": cited.label[:500] if cited else "",
                "url": cited.url[:500] if cited else "",
                "meta": cited.meta if cited else {},
                "sections": places[key],
                "missing": cited is None,
            },
        )


def cited_in(prefix: str, targets: list[int]) -> dict[int, list[ReportCitation]]:
    """Where each target is cited in a published report ("Citeras i …"), newest first."""
    rows = (
        ReportCitation.objects.filter(prefix=prefix, target__in=targets, report__state="published")
        .select_related("report", "report__series")
        .order_by("-report__published_at", "-report__number")
    )
    out: dict[int, list[ReportCitation]] = {}
    for row in rows:
        out.setdefault(row.target, []).append(row)
    return out


def quote_is_public(meta: dict[str, Any], minimum: int) -> bool:
    """A quote may be shown publicly when its category had at least `minimum` respondents."""
    respondents = meta.get("category_respondents")
    return isinstance(respondents, int) and respondents >= minimum
