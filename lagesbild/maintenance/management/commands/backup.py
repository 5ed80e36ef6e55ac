import time
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lagesbild.maintenance.services import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Skriv en säkerhetskopia av hela installationen (databasen och alla uppladdade filer) "
        "till en tar.gz-fil med ett manifest (version, migreringar, tidpunkt). SQLite kopieras "
        "med SQLites säkerhetskopierings-API medan appen är igång; PostgreSQL med pg_dump."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            help=(
                "Filen att skriva (standard: DATAKATALOG/backups/lagesbild-ÅÅÅÅMMDD-TTMMSS.tar.gz)."
            ),
        )

        parser.add_argument(
            "--portable",
            action="store_true",
            help=(
                "Skriv databasen som Djangos JSON i stället för databasens eget format, så att "
                "den kan återställas i en annan databastyp (t.ex. från SQLite till PostgreSQL) "
                "med samma version av Lägesbild. Långsammare."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["output"]:
            output = Path(options["output"])
        else:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            output = settings.DATA_DIR / "backups" / f"lagesbild-{stamp}.tar.gz"
        started = time.monotonic()
        try:
            manifest = backup_create(output=output, portable_format=options["portable"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Säkerhetskopia skriven: {output} ({output.stat().st_size / 1e6:.1f} MB, "
            f"{manifest['media']['files']} filer, {time.monotonic() - started:.2f} s)"
        )
