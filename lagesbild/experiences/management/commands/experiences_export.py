import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lagesbild.accounts.permissions import add_as_argument, person_for_cli
from lagesbild.experiences.models import Collection, Source

COLUMNS = ["id", "kanal", "datum", "kategori", "fråga", "svarande", "rubrik", "text"]


class Command(BaseCommand):
    help = (
        "Skriv en insamlings källor som analytikerna ser dem (maskerad text, kanal, kategori, "
        "datum) till en CSV-fil (UTF-8 med BOM, så att Excel läser å, ä och ö rätt)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--collection", required=True, help="insamlingens kortnamn")
        parser.add_argument("-o", "--output", required=True, help="CSV-fil att skriva")
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        collection = Collection.objects.filter(slug=options["collection"]).first()
        if collection is None:
            raise CommandError(f"Insamlingen {options['collection']!r} finns inte.")
        person_for_cli(options["as_user"], "analyse_experiences", collection.staff)
        sources = (
            Source.objects.filter(collection=collection)
            .select_related("category", "prompt")
            .order_by("date", "id")
        )
        count = 0
        with Path(options["output"]).open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for source in sources.iterator(chunk_size=2000):
                writer.writerow(
                    [
                        source.pk,
                        source.get_channel_display(),
                        source.date.isoformat() if source.date else "",
                        source.category.name if source.category else "",
                        source.prompt.text if source.prompt else "",
                        source.respondent_id or "",
                        source.title,
                        source.text,
                    ]
                )
                count += 1
        self.stdout.write(self.style.SUCCESS(f"{count} källor skrivna till {options['output']}."))
