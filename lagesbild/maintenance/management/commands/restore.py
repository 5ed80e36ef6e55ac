import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lagesbild.maintenance.services import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Återställ en säkerhetskopia från `lagesbild backup` (databasen och filerna) i en tom "
        "installation av samma databastyp. En installation med data skrivs bara över med --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="Säkerhetskopian (tar.gz).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Skriv över en installation som redan har data (databas och filer ersätts).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            result = backup_restore(archive_path=Path(options["archive"]), force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        self.stdout.write(
            f"Återställd: säkerhetskopian från {manifest['created_at']} (version "
            f"{manifest['version']}), {result.files} filer, {time.monotonic() - started:.2f} s"
        )
        if result.pending_migrations:
            self.stdout.write(
                f"Säkerhetskopian är från en äldre version: {len(result.pending_migrations)} "
                "migreringar återstår. Kör `lagesbild migrate` innan `lagesbild serve`."
            )
