"""`lagesbild records-purge`: remove requester details after the retention period."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from lagesbild.records.services import requests_purge


class Command(BaseCommand):
    help = (
        "Ta bort sökandens namn och kontaktuppgifter från begäranden som beslutades för mer än "
        "LAGESBILD_RECORDS_RETENTION_DAYS dagar sedan (varje borttagning loggas)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dagar", type=int, default=None, help="lagringstid i dagar (annars inställningen)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["dagar"] if options["dagar"] is not None else settings.RECORDS_RETENTION_DAYS
        purged = requests_purge(days=days)
        self.stdout.write(
            f"Sökandeuppgifter borttagna från {len(purged)} begäranden (äldre än {days} dagar)."
        )
        for number in purged:
            self.stdout.write(f"  {number}")
