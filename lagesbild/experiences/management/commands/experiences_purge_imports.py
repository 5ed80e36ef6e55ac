"""`lagesbild experiences-purge-imports`: delete uploads never imported within the retention."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from lagesbild.experiences.services import import_purge_stale


class Command(BaseCommand):
    help = (
        "Radera uppladdade enkätfiler som aldrig importerades och är äldre än "
        "LAGESBILD_IMPORT_RETENTION_DAYS dagar (filen och uppgifterna om den). Kör dagligen."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = import_purge_stale()
        days = settings.EXPERIENCES_IMPORT_RETENTION_DAYS
        self.stdout.write(f"{count} oimporterade filer äldre än {days} dagar raderade.")
