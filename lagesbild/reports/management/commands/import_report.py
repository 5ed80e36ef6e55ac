"""`lagesbild import-report FILE.md`: read an archived house-style report into a series."""

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import add_as_argument, person_for_cli
from lagesbild.reports.importing import ReportImportError, report_import
from lagesbild.reports.models import Series
from lagesbild.staff.models import Staff

BY_LABEL = "kommandoraden"


class Command(BaseCommand):
    help = _(
        "Läs in en rapport i husstil (Markdown) som en publicerad rapport, numrerad som nästa "
        "i serien. Utan --series hittas serien på rapportens titel eller skapas från den. "
        "Skriver den nya rapportens id på sista raden."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "file", metavar="FIL", help=_("Markdown-fil i husstil, eller - för stdin")
        )
        parser.add_argument("--series", metavar="KORTNAMN", help=_("seriens kortnamn (slug)"))
        parser.add_argument(
            "--staff",
            metavar="KORTNAMN",
            help=_("stabens kortnamn; där hittas eller skapas serien om --series saknas"),
        )
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        series = staff = None
        if options["series"]:
            series = Series.objects.filter(slug=options["series"]).first()
            if series is None:
                raise CommandError(
                    _("Det finns ingen serie med kortnamnet ”%(slug)s”.")
                    % {"slug": options["series"]}
                )
        if options["staff"]:
            staff = Staff.objects.filter(slug=options["staff"]).first()
            if staff is None:
                raise CommandError(
                    _("Det finns ingen stab med kortnamnet ”%(slug)s”.")
                    % {"slug": options["staff"]}
                )
        by = None
        if options["as_user"]:
            target = series.staff if series else staff
            if target is None:
                raise CommandError(_("Ange --series eller --staff tillsammans med --as."))
            by = person_for_cli(options["as_user"], "import_report", target)
        text = self._read(options["file"])
        try:
            report = report_import(
                text=text, series=series, staff=staff, by=by, by_label="" if by else BY_LABEL
            )
        except ReportImportError as exc:
            raise CommandError(f"{options['file']}: {exc}") from exc
        # Humans read stderr; scripts take the id from stdout's last line.
        self.stderr.write(
            _("Inläst som nr %(number)s i serien ”%(series)s” (%(slug)s), publicerad.")
            % {"number": report.number, "series": report.series.title, "slug": report.series.slug}
        )
        self.stdout.write(str(report.pk))

    def _read(self, name: str) -> bytes:
        if name == "-":
            return sys.stdin.buffer.read()
        path = Path(name)
        if not path.is_file():
            raise CommandError(_("Filen %(name)s finns inte.") % {"name": name})
        return path.read_bytes()
