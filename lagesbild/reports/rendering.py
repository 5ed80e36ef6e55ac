"""One rendering of a report that every output shares: the web page, e-mail, PDF, export, diff.

Each section becomes Markdown in the house style first (a communication action is
"- 26/2: [Title](url)", a link "- [Title](url)", a spokesperson "- Name, title"); HTML, PDF and
the "what changed" view are all made from that Markdown, so they can never disagree.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import cached_property

from lagesbild.lib.dates import compiled_at_text
from lagesbild.lib.markdown import markdown_escape, render_markdown
from lagesbild.reports.computed import computed_markdown
from lagesbild.reports.models import Report, ReportKind, ReportSection, SectionKind


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
    parts = [section.body.strip(), section_items_markdown(section)]
    return "\n\n".join(p for p in parts if p)


def sections_freeze(report: Report) -> None:
    """Fix every section's content as it reads now; called when a report is published."""
    sections = report.sections.select_related("link_collection").prefetch_related(
        "actions", "spokespersons", "link_collection__links"
    )
    for section in sections:
        if section.frozen_markdown is None:
            section.frozen_markdown = section_markdown(section)
            section.save(update_fields=["frozen_markdown"])


@dataclass(frozen=True)
class RenderedSection:
    heading: str
    level: int
    kind: str
    markdown: str

    @cached_property
    def html(self) -> str:
        return render_markdown(self.markdown)

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
        return "\n\n".join(out) + "\n"


def report_render(report: Report) -> RenderedReport:
    sections = report.sections.select_related("link_collection").prefetch_related(
        "actions", "spokespersons", "link_collection__links"
    )
    return RenderedReport(
        title=report.title,
        number=report.number,
        version=report.version,
        is_extra=report.kind == ReportKind.EXTRA,
        compiled_at=report.compiled_at,
        sections=[
            RenderedSection(
                heading=s.heading, level=s.level, kind=s.kind, markdown=section_markdown(s)
            )
            for s in sections
        ],
        correction_reason=report.correction_reason,
    )
