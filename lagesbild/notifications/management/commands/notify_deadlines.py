"""`lagesbild notify-deadlines`: every reminder before a due date, for cron."""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from lagesbild.notifications.reminders import reminders_send


class Command(BaseCommand):
    help = _(
        "Påminn före deadlines: skribenter och redaktörer om rapporter med deadline inom "
        "TIMMAR där avsnitt saknas, ansvariga för frågor och de som bevakar avtalens åtaganden "
        "inom DAGAR arbetsdagar. Kör den ofta från cron (t.ex. var 15:e minut); var och en "
        "påminns en gång per sak och datum."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--hours",
            type=float,
            default=4.0,
            metavar="TIMMAR",
            help=_("hur långt före en rapports deadline (standard 4 timmar)"),
        )
        parser.add_argument(
            "--dagar",
            type=int,
            default=None,
            metavar="DAGAR",
            help=_(
                "hur många arbetsdagar före förfallodagen för frågor och åtaganden "
                "(standard LAGESBILD_REMINDER_WORKING_DAYS, %(days)s)"
            )
            % {"days": settings.REMINDER_WORKING_DAYS},
        )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = reminders_send(hours=options["hours"], working_days=options["dagar"])
        self.stdout.write(_("%(n)s aviseringar skapade.") % {"n": sum(counts.values())})
        for name, n in counts.items():
            self.stdout.write(f"  {name}: {n}")
