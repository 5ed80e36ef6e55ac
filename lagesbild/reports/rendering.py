"""One rendering of a report that every output shares: the web page, e-mail, PDF, export, diff.

Each section becomes Markdown in the house style first (a communication action is
"- 26/2: [Title](url)", a link "- [Title](url)", a spokesperson "- Name, title"); HTML, PDF and
the "what changed" view are all made from that Markdown, so they can never disagree.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.functional import cached_property

from lagesbild.lib.dates import compiled_at_text
from lagesbild.lib.markdown import markdown_escape, render_markdown
from lagesbild.reports.citations import citations_in, citations_number, directives_expand
from lagesbild.reports.computed import computed_markdown
from lagesbild.reports.footnotes import Footnote, citations_freeze, footnotes_for, footnotes_html
from lagesbild.reports.models import Report, ReportKind, ReportSection, SectionKind, SeriesKind


def _link(title: str, url: str) -> str:
    title = markdown_escape(title)
    return f"[{title}](<{url}>)" if " " in url else f"[{title}]({url})"


def section_items_markdown(section: ReportSection) -> str:
    """The structured part of a section (actions, links, spokespersons) as a Markdown list."""
    if section.kind == SectionKind.ACTIONS:
        actions = sorted(section.actions.all(), key=lambda a: (a.date, a.pk), reverse=True)
        lines = [
            f"- {a.short_date()}: {_link(a.title, a.url) if a.url else markdown_escape(a.title)}"
            for a in actions
        ]
    elif section.kind == SectionKind.LINKS and section.link_collection_id:
        links = section.link_collection.links.all()  # type: ignore[union-attr]
        lines = [f"- {_link(link.title, link.url)}" for link in links]
    elif section.kind == SectionKind.SPOKESPERSONS:
        # Names and titles are plain text: escaped so "[Klicka](https://…)" stays text.
        lines = [f"- {markdown_escape(str(p))}" for p in section.spokespersons.all()]
    elif section.kind == SectionKind.COMPUTED and section.computed:
        lines = [computed_markdown(section.computed, section.report.series.staff, section.report)]
    else:
        lines = []
    return "\n".join(lines)


def section_markdown(section: ReportSection) -> str:
    """The section's content (without its heading) as house-style Markdown."""
    if section.frozen_markdown is not None:
        return section.frozen_markdown
    # Directives ([@siffror]) expand now and so freeze with the section on publish.
    body = directives_expand(section.body.strip(), section.report.series.staff)
    parts = [body, section_items_markdown(section)]
    return "\n\n".join(p for p in parts if p)


def sections_freeze(report: Report) -> None:
    """Fix every section's content as it reads now; called when a report is published."""
    sections = report.sections.select_related("link_collection").prefetch_related(
        "actions", "spokespersons", "link_collection__links"
    )
    frozen = []
    for section in sections:
        if section.frozen_markdown is None:
            section.frozen_markdown = section_markdown(section)
            section.save(update_fields=["frozen_markdown"])
        frozen.append((section.heading, section.frozen_markdown))
    # The quotes and lessons cited are kept as they read today, beside the frozen text.
    citations_freeze(report, frozen)


@dataclass(frozen=True)
class RenderedSection:
    heading: str
    level: int
    kind: str
    markdown: str
    footnotes: frozenset[int] = frozenset()  # the footnote numbers `markdown` refers to

    @cached_property
    def html(self) -> str:
        return footnotes_html(render_markdown(self.markdown), set(self.footnotes))

    @property
    def anchor(self) -> str:
        from django.utils.text import slugify

        return slugify(self.heading) or f"avsnitt-{self.kind}"


_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")


def headings_demoted(html: str, minimum: int) -> str:
    """Shift headings down so the highest is at `minimum`; a page keeps its one h1 (max h6)."""
    levels = [int(m.group(2)) for m in _HEADING_TAG.finditer(html)]
    if not levels or min(levels) >= minimum:
        return html
    by = minimum - min(levels)
    return _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + by)}>", html)


@dataclass(frozen=True)
class PageSection:
    """A section placed on a page under an h1: its heading level and body HTML fitted below."""

    heading: str
    level: int
    kind: str
    anchor: str
    html: str


@dataclass(frozen=True)
class RenderedReport:
    title: str
    number: int
    version: int
    is_extra: bool
    compiled_at: datetime
    sections: list[RenderedSection]
    correction_reason: str
    footnotes: list[Footnote] = field(default_factory=list)
    table_of_contents: bool = False  # the PDF opens with one (long documents: joint report)

    @property
    def footnote_lines(self) -> dict[int, str]:
        """Each footnote's text by number, as the PDF and Word file set it."""
        return {f.number: f.line for f in self.footnotes}

    @property
    def compiled_at_line(self) -> str:
        return f"Sammanställd: {compiled_at_text(self.compiled_at)}"

    @cached_property
    def page_sections(self) -> list[PageSection]:
        """Sections for a page whose only h1 is the title (web page, e-mail, feed)."""
        levels = [s.level for s in self.sections if s.heading]
        shift = max(0, 2 - min(levels)) if levels else 0
        out: list[PageSection] = []
        seen: set[str] = set()
        for s in self.sections:
            level = min(6, s.level + shift)
            anchor = s.anchor
            # Two sections may share a heading; ids on one page must not.
            while anchor in seen:
                anchor += "-2"
            seen.add(anchor)
            body_minimum = level + 1 if s.heading else 2
            out.append(
                PageSection(
                    heading=s.heading,
                    level=level,
                    kind=s.kind,
                    anchor=anchor,
                    html=headings_demoted(s.html, min(6, body_minimum)),
                )
            )
        return out

    def markdown(self) -> str:
        """The whole report in the house style, as `export-report --format md` writes it."""
        out = [f"# {self.title}", self.compiled_at_line]
        for section in self.sections:
            if section.heading:
                out.append(f"{'#' * section.level} {section.heading}")
            if section.markdown:
                out.append(section.markdown)
        for footnote in self.footnotes:
            out.append(f"[^{footnote.number}]: {markdown_escape(footnote.line)}")
        return "\n\n".join(out) + "\n"


def report_render(report: Report) -> RenderedReport:
    sections = report.sections.select_related("link_collection").prefetch_related(
        "actions", "spokespersons", "link_collection__links"
    )
    numbers: dict[tuple[str, int], int] = {}
    places: dict[tuple[str, int], list[str]] = {}
    rendered: list[RenderedSection] = []
    for s in sections:
        raw = section_markdown(s)
        markdown = citations_number(raw, numbers)
        keys = citations_in(raw)
        for key in keys:
            places.setdefault(key, []).append(s.heading)
        rendered.append(
            RenderedSection(
                heading=s.heading,
                level=s.level,
                kind=s.kind,
                markdown=markdown,
                footnotes=frozenset(numbers[key] for key in keys),
            )
        )
    return RenderedReport(
        title=report.title,
        number=report.number,
        version=report.version,
        is_extra=report.kind == ReportKind.EXTRA,
        compiled_at=report.compiled_at,
        sections=rendered,
        correction_reason=report.correction_reason,
        footnotes=footnotes_for(report, numbers, places) if numbers else [],
        table_of_contents=report.series.kind == SeriesKind.JOINT_REPORT,
    )
