import os
import signal
from typing import Any

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lagesbild.maintenance.services import migrations_pending


class Command(BaseCommand):
    help = (
        "Starta webbappen (waitress) på HOST:PORT och en bakgrundsarbetare för kön, "
        "som startas om om den avslutas."
    )

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

        from lagesbild.distribution.supervisor import WorkerSupervisor
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
        if not os.environ.get("LAGESBILD_SITE_URL"):
            # Links in mail point where this server answers; the worker inherits the variable.
            os.environ["LAGESBILD_SITE_URL"] = f"http://{options['host']}:{options['port']}"
            settings.SITE_URL = os.environ["LAGESBILD_SITE_URL"]
        call_command("createcachetable", verbosity=0)
        # The worker is its own process so a slow send never holds up a page; the supervisor
        # starts it again if it dies, so a published report is never left waiting unseen.
        count = 0 if options["no_worker"] or "worker" not in get_commands() else 1
        supervisor = WorkerSupervisor(count, out=self.stdout).start()
        # SIGTERM (systemd, docker stop) ends the server through `finally`, so the worker is
        # asked to stop too instead of being left behind.
        signal.signal(signal.SIGTERM, _exit)
        self.stdout.write(
            f"Serverar på http://{options['host']}:{options['port']}/ (Ctrl-C avslutar)"
        )
        try:
            serve(
                application, host=options["host"], port=options["port"], threads=options["threads"]
            )
        finally:
            supervisor.stop()


def _exit(signum: int, frame: Any) -> None:
    raise SystemExit(0)
