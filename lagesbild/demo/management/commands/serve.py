import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Starta webbappen (waitress) på HOST:PORT och en bakgrundsarbetare för kön."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--no-worker", action="store_true", help="Starta ingen bakgrundsarbetare."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve

        from lagesbild.wsgi import application

        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        if not os.environ.get("LAGESBILD_SITE_URL"):
            # Links in mail point where this server answers; the worker inherits the variable.
            os.environ["LAGESBILD_SITE_URL"] = f"http://{options['host']}:{options['port']}"
            settings.SITE_URL = os.environ["LAGESBILD_SITE_URL"]
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
