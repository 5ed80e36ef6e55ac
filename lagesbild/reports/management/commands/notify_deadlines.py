"""`lagesbild notify-deadlines --hours 4`: remind writers and editors before a deadline (cron)."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from lagesbild.reports.services.notifying import report_deadline_reminders


class Command(BaseCommand):
    help = _(
        "Avisera skribenter och redaktörer om rapporter med deadline inom TIMMAR där avsnitt "
        "saknas. Kör den ofta från cron (t.ex. var 15:e minut); var och en aviseras en gång "
        "per deadline."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--hours",
            type=float,
            default=4.0,
            metavar="TIMMAR",
            help=_("hur långt före deadline (standard 4 timmar)"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        told = report_deadline_reminders(hours=options["hours"])
        self.stdout.write(_("%(n)s aviseringar skapade.") % {"n": told})
