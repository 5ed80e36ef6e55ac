import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lagesbild.maintenance.services import migrations_pending


class Command(BaseCommand):
    help = "Starta webbappen (waitress) på HOST:PORT och en bakgrundsarbetare för kön."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--no-worker", action="store_true", help="Starta ingen bakgrundsarbetare."
        )
        parser.add_argument(
            "--migrate",
            action="store_true",
            help=(
                "Migrera databasen först om migreringar väntar (eller sätt "
                "LAGESBILD_MIGRATE_ON_START=true). Utan det vägrar serve att starta då."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve

        from lagesbild.wsgi import application

        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        if options["migrate"] or settings.LAGESBILD_MIGRATE_ON_START:
            call_command("migrate", interactive=False, verbosity=0)
        elif pending := migrations_pending():
            # A production database is never changed as a side effect of starting the app.
            raise CommandError(
                f"Databasen är inte migrerad: {len(pending)} migreringar väntar "
                f"({', '.join(pending[:3])}{', …' if len(pending) > 3 else ''}). "
                "Ta en säkerhetskopia (`lagesbild backup`), kör sedan `lagesbild migrate`, "
                "eller starta med `lagesbild serve --migrate`."
            )
        worker = None
        if not options["no_worker"] and "worker" in get_commands():
            # The worker is its own process so a slow send never holds up a page.
            worker = subprocess.Popen([sys.executable, "-m", "lagesbild.cli", "worker"])
        self.stdout.write(
            f"Serverar på http://{options['host']}:{options['port']}/ (Ctrl-C avslutar)"
        )
        try:
            serve(
                application, host=options["host"], port=options["port"], threads=options["threads"]
            )
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
