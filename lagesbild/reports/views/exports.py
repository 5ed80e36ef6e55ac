"""Downloads of one report in the archivists' formats (the PDF lives with distribution)."""

from django.http import HttpRequest, HttpResponse

from lagesbild.lib.docx import render_report_docx
from lagesbild.reports.models import Report
from lagesbild.reports.rendering import report_render
from lagesbild.reports.views.reading import login_on_refusal, public_or_require, readable_report

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_filename(report: Report) -> str:
    return f"{report.series.slug}-nr{report.number}-v{report.version}.docx"


@public_or_require("read_published")
@login_on_refusal
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The Word file for whoever may read the report page (drafts only for the staff)."""
    report = readable_report(request, pk)
    response = HttpResponse(render_report_docx(report_render(report)), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{docx_filename(report)}"'
    return response
