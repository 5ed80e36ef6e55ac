from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from lagesbild.accounts.models import User
from lagesbild.demo.scenario import load_scenario
from lagesbild.demo.scenario.people import DEMO_PASSWORD, USERS


class Command(BaseCommand):
    help = (
        "Skapa datakatalogen, migrera databasen, ladda demoscenariot (en stab som samordnar "
        "ett pausat journalsysteminförande), skapa demoanvändare, skriv ut adress och "
        "inloggningar och starta webbappen på 127.0.0.1:8000."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--no-serve", action="store_true", help="Ladda demon men starta inte webbappen."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        if User.objects.filter(username="admin").exists():
            self.stdout.write("Demodata finns redan; laddar inte igen.")
        else:
            load_scenario()
            self.stdout.write(self.style.SUCCESS("Demoscenariot är laddat."))
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(f"\nLägesbild: {url}\nInloggningar (lösenord för alla: {DEMO_PASSWORD}):")
        for username, _role, _first, _last, title in USERS:
            self.stdout.write(f"  {username:<10} {title}")
        self.stdout.write(f"Datakatalog: {settings.DATA_DIR}\n")
        if not options["no_serve"]:
            call_command("serve", host=options["host"], port=options["port"], migrate=True)
