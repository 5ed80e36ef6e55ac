"""`lagesbild records-due`: open requests oldest first; exit 1 when any is overdue."""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from lagesbild.lib.dates import short_stamp
from lagesbild.records import clock
from lagesbild.records.models import RecordsRequest
from lagesbild.records.services import requests_escalate
from lagesbild.records.statistics import open_rows

STATUS_TEXT = {clock.OK: "inom tid", clock.WARNING: "snart sen", clock.OVERDUE: "FÖRSENAD"}


class Command(BaseCommand):
    help = (
        "Visa öppna begäranden om allmän handling, äldst först, med diarienummer, ålder i "
        "arbetstimmar och sista beslutstid. Avslutar med kod 1 om någon är försenad."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--stab", help="bara denna stab (kortnamn)")
        parser.add_argument(
            "--eskalera",
            action="store_true",
            help="eskalera försenade begäranden till stabschefen (e-post, en gång per begäran)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        if options["eskalera"]:
            for request in requests_escalate(now=now):
                self.stderr.write(f"Eskalerad till stabschefen: {request.number}")
        requests = RecordsRequest.objects.open().select_related("staff")
        if options["stab"]:
            requests = requests.filter(staff__slug=options["stab"])
        rows = open_rows(requests, now)
        if not rows:
            self.stdout.write("Inga öppna begäranden.")
            return
        self.stdout.write(f"{'diarienummer':<18} {'arbetstimmar':>12}  {'senast':<16}  läge")
        for row in rows:
            self.stdout.write(
                f"{row.request.number:<18} {row.age_hours:>12.1f}  "
                f"{short_stamp(row.deadline):<16}  {STATUS_TEXT[row.status]}"
            )
        overdue = sum(row.status == clock.OVERDUE for row in rows)
        if overdue:
            self.stderr.write(f"{overdue} försenade.")
            sys.exit(1)
