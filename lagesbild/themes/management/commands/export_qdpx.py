from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lagesbild.themes.management.commands._common import collection_or_error
from lagesbild.themes.services import qdpx_export


class Command(BaseCommand):
    help = (
        "Skriv en insamlings analys som REFI-QDA-projekt (.qdpx) för NVivo, MAXQDA, ATLAS.ti och "
        "QualCoder: kodbok, källor som text, kodningar, memon och kategori/kanal på fall."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--collection", required=True, help="insamlingens kortnamn")
        parser.add_argument("-o", "--output", required=True, help="QDPX-fil att skriva")

    def handle(self, *args: Any, **options: Any) -> None:
        collection = collection_or_error(options["collection"])
        with Path(options["output"]).open("wb") as handle:
            counts = qdpx_export(collection=collection, out=handle)
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['sources']} källor, {counts['codes']} koder, {counts['codings']} kodningar "
                f"och {counts['memos']} memon skrivna till {options['output']}."
            )
        )
