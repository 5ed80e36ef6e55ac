"""`lagesbild export-joint-report ID --format md|pdf|docx`: the report export, for a joint
report only (a report series of its own kind, rendered by the same engine, with footnotes)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lagesbild.reports.management.commands.export_report import Command as ExportReport
from lagesbild.reports.models import SeriesKind


class Command(ExportReport):
    series_kind = SeriesKind.JOINT_REPORT
    wrong_kind = gettext_lazy("Rapport %(id)s är inte en gemensam rapport.")
    help = _(
        "Skriv ut en publicerad eller pågående gemensam rapport som md, html, pdf eller docx, "
        "med fotnoter för citat och lärdomar."
    )
