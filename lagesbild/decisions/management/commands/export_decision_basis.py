"""`lagesbild export-decision-basis ID --format md|pdf|docx`: the report export, for a decision
basis only (it is a report series of its own kind, rendered by the same engine)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lagesbild.reports.management.commands.export_report import Command as ExportReport
from lagesbild.reports.models import SeriesKind


class Command(ExportReport):
    series_kind = SeriesKind.DECISION_BASIS
    wrong_kind = gettext_lazy("Rapport %(id)s är inte ett beslutsunderlag.")
    help = _("Skriv ut ett publicerat eller pågående beslutsunderlag som md, html, pdf eller docx.")
