"""One rendering of a report that every output shares: the web page, e-mail, PDF, export, diff.

Each section becomes Markdown in the house style first (a communication action is
"- 26/2: [Title](url)", a link "- [Title](url)", a spokesperson "- Name, title"); HTML, PDF and
the "what changed" view are all made from that Markdown, so they can never disagree.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import cached_property

from lagesbild.lib.dates import compiled_at_text
from lagesbild.lib.markdown import render_markdown
from lagesbild.reports.models import Report, ReportKind, ReportSection, SectionKind


def _link(title: str, url: str) -> str:
    title = title.replace("[", "\\[").replace("]", "\\]")
    return f"[{title}](<{url}>)" if " " in url else f"[{title}]({url})"


def section_items_markdown(section: ReportSection) -> str:
    """The structured part of a section (actions, links, spokespersons) as a Markdown list."""
    if section.kind == SectionKind.ACTIONS:
        actions = sorted(section.actions.all(), key=lambda a: (a.date, a.pk), reverse=True)
        lines = [
            f"- {a.short_date()}: {_link(a.title, a.url) if a.url else a.title}" for a in actions
        ]
    elif section.kind == SectionKind.LINKS and section.link_collection_id:
        links = section.link_collection.links.all()  # type: ignore[union-attr]
        lines = [f"- {_link(link.title, link.url)}" for link in links]
    elif section.kind == SectionKind.SPOKESPERSONS:
        lines = [f"- {p}" for p in section.spokespersons.all()]
    else:
        lines = []
    return "\n".join(lines)


def section_markdown(section: ReportSection) -> str:
    """The section's content (without its heading) as house-style Markdown."""
    parts = [section.body.strip(), section_items_markdown(section)]
    return "\n\n".join(p for p in parts if p)


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
