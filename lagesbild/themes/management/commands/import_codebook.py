from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lagesbild.themes.management.commands._common import collection_or_error
from lagesbild.themes.services import AnalysisError, codebook_for, codebook_import_file


class Command(BaseCommand):
    help = (
        "Läs in en kodbok (.qdc från NVivo, MAXQDA eller QualCoder, eller CSV/XLSX med kolumnerna "
        "namn, överordnad, beskrivning, färg) till en insamlings kodbok."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="kodboksfil (.qdc, .csv, .xlsx)")
        parser.add_argument("--collection", required=True, help="insamlingens kortnamn")

    def handle(self, *args: Any, **options: Any) -> None:
        collection = collection_or_error(options["collection"])
        path = Path(options["file"])
        try:
            made = codebook_import_file(
                codebook=codebook_for(collection=collection),
                name=path.name,
                data=path.read_bytes(),
                actor=None,
            )
        except (AnalysisError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{made} koder inlästa."))
