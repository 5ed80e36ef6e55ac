from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lagesbild.distribution.services import delivery_counts
from lagesbild.reports.models import Report


class Command(BaseCommand):
    help = "Visa antal köade, skickade, misslyckade och osäkra utskick av en rapport."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("report_id", type=int, metavar="ID")

    def handle(self, *args: Any, **options: Any) -> None:
        report = Report.objects.filter(pk=options["report_id"]).first()
        if report is None:
            raise CommandError(f"Rapport {options['report_id']} finns inte.")
        for state, count in delivery_counts(report=report).items():
            self.stdout.write(f"{state}: {count}")
