from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lagesbild.distribution.services.static import static_publish
from lagesbild.reports.models import Series


class Command(BaseCommand):
    help = (
        "Skriv publicerade rapporter som fristående HTML-sidor med en indexsida och ett "
        "Atom-flöde per serie. Bara ändrade filer skrivs om."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", metavar="KATALOG")
        parser.add_argument("--series", metavar="KORTNAMN", help="Bara den här serien.")
        parser.add_argument(
            "--base-url", default="", help="Adressen där katalogen publiceras (för flödet)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        series = None
        if options["series"]:
            series = Series.objects.filter(slug=options["series"]).first()
            if series is None:
                raise CommandError(f"Serien {options['series']} finns inte.")
        result = static_publish(
            directory=Path(options["directory"]), series=series, base_url=options["base_url"]
        )
        for path in result.written:
            self.stdout.write(f"skrev {path}")
        self.stdout.write(f"{len(result.written)} filer skrivna, {result.unchanged} oförändrade.")
