"""`lagesbild export-report ID --format md|html|pdf|docx`: write a report in the house style."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.html import escape
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import add_as_argument, person_for_cli
from lagesbild.reports.models import Report
from lagesbild.reports.rendering import RenderedReport, report_render

# Inline so the page is one self-contained file; contrast meets WCAG AA.
CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5;
  color: #1b1f24; background: #fff; max-width: 46rem; margin: 0 auto; padding: 1rem 1.5rem; }
h1 { font-size: 1.8rem; line-height: 1.2; margin-bottom: .25rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; } h3 { font-size: 1.15rem; } h4 { font-size: 1rem; }
.compiled { color: #4a525c; margin-top: 0; }
.correction { border-left: 4px solid #8a4b00; padding: .25rem .75rem; background: #fff7ec; }
a { color: #0b57a4; } a:focus { outline: 3px solid #0b57a4; outline-offset: 2px; }
@media print { body { max-width: none; } a { color: inherit; } }
"""


def report_html_page(rendered: RenderedReport) -> str:
    """One accessible, self-contained HTML page: lang="sv", a title, inline CSS, one h1."""
    title = _("%(title)s nr %(number)s") % {"title": rendered.title, "number": rendered.number}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="sv">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape(rendered.title)}</h1>",
        f'<p class="compiled">{escape(rendered.compiled_at_line)}</p>',
    ]
    if rendered.correction_reason:
        parts.append(
            f'<p class="correction"><strong>{escape(_("Rättelse:"))}</strong> '
            f"{escape(rendered.correction_reason)}</p>"
        )
    for section in rendered.page_sections:
        parts.append(f'<section id="{escape(section.anchor)}">')
        if section.heading:
            parts.append(f"<h{section.level}>{escape(section.heading)}</h{section.level}>")
        # The section HTML comes from render_markdown, which nh3 has already sanitised.
        parts.append(section.html)
        parts.append("</section>")
    if rendered.footnotes:
        parts.append('<section class="footnotes" aria-labelledby="fotnoter">')
        parts.append(f'<h2 id="fotnoter">{escape(_("Fotnoter och källor"))}</h2><ol>')
        for footnote in rendered.footnotes:
            parts.append(
                f'<li id="fotnot-{footnote.number}" value="{footnote.number}">'
                f"{escape(footnote.line)}</li>"
            )
        parts.append("</ol></section>")
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


class Command(BaseCommand):
    # Verbs for one kind of document (export-decision-basis) subclass this and name the kind.
    series_kind: str = ""
    wrong_kind: Any = _("Rapport %(id)s hör inte till den här sortens dokument.")
    help = _(
        "Skriv ut en rapport i husstil som Markdown (md), en fristående HTML-sida, PDF eller "
        "Word (docx)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("id", metavar="ID", type=int, help=_("rapportens id"))
        parser.add_argument(
            "--format",
            choices=["md", "html", "pdf", "docx"],
            default="md",
            help=_("md (husstil, standard), html, pdf eller docx (Word)"),
        )
        parser.add_argument(
            "-o", "--output", metavar="FIL", help=_("skriv till FIL i stället för standard ut")
        )
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        report = Report.objects.filter(pk=options["id"]).first()
        if report is None:
            raise CommandError(_("Det finns ingen rapport med id %(id)s.") % {"id": options["id"]})
        if self.series_kind and report.series.kind != self.series_kind:
            raise CommandError(str(self.wrong_kind) % {"id": options["id"]})
        needed = "read_published" if report.is_published else "read_drafts"
        person_for_cli(options["as_user"], needed, report.series.staff)
        rendered = report_render(report)
        fmt = options["format"]
        if fmt == "md":
            data = rendered.markdown().encode("utf-8")
        elif fmt == "html":
            data = report_html_page(rendered).encode("utf-8")
        elif fmt == "docx":
            from lagesbild.lib.docx import render_report_docx

            data = render_report_docx(rendered)
        else:
            # Imported lazily: Typst is heavy and only this format needs it.
            from lagesbild.lib.pdf import render_report_pdf

            data = render_report_pdf(rendered)
        if options["output"]:
            Path(options["output"]).write_bytes(data)
            self.stderr.write(_("Skrev %(file)s.") % {"file": options["output"]})
        elif fmt in ("pdf", "docx"):
            buffer = getattr(self.stdout._out, "buffer", None)
            if buffer is None:
                raise CommandError(_("Ange -o FIL för att skriva en PDF eller en Word-fil."))
            buffer.write(data)
            buffer.flush()
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
