from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lagesbild.themes.management.commands._common import collection_or_error
from lagesbild.themes.services import AnalysisError, qdpx_import


class Command(BaseCommand):
    help = (
        "Läs in ett REFI-QDA-projekt (.qdpx) i en tom insamling: kodbok, källor, kodningar, memon."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="QDPX-fil")
        parser.add_argument(
            "--collection", required=True, help="insamlingens kortnamn (tom insamling)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        collection = collection_or_error(options["collection"])
        try:
            with Path(options["file"]).open("rb") as handle:
                counts = qdpx_import(collection=collection, data=handle, actor=None)
        except (AnalysisError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['sources']} källor, {counts['codes']} koder, {counts['codings']} kodningar "
                f"och {counts['memos']} memon inlästa."
            )
        )
