from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lagesbild.themes.management.commands._common import collection_or_error
from lagesbild.themes.services import codebook_for, qdc_export


class Command(BaseCommand):
    help = "Skriv en insamlings kodbok som REFI-QDA-kodbok (.qdc)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--collection", required=True, help="insamlingens kortnamn")
        parser.add_argument("-o", "--output", required=True, help="QDC-fil att skriva")

    def handle(self, *args: Any, **options: Any) -> None:
        collection = collection_or_error(options["collection"])
        Path(options["output"]).write_bytes(
            qdc_export(codebook=codebook_for(collection=collection))
        )
        self.stdout.write(self.style.SUCCESS(f"Kodboken skriven till {options['output']}."))
