from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from lagesbild.accounts.models import Role, User
from lagesbild.demo.scenario import load_scenario
from lagesbild.demo.scenario.people import DEMO_PASSWORD
from lagesbild.staff.models import StaffMember


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
        for user in User.objects.filter(is_active=True).order_by("pk"):
            self.stdout.write(f"  {user.username:<15} {user.title} – {_rights(user)}")
        self.stdout.write(f"Datakatalog: {settings.DATA_DIR}\n")
        if not options["no_serve"]:
            call_command("serve", host=options["host"], port=options["port"])


def _rights(user: User) -> str:
    """What the login opens today: its memberships per staff, so the separation is visible."""
    rows = StaffMember.objects.active_on(timezone.localdate()).filter(user=user)
    rights = [
        f"{m.staff.slug}: {m.get_access_role_display().lower()}"
        + (
            f", {m.get_staff_role_display().lower()}"
            if m.staff_role in ("lead", "decision_maker")
            else ""
        )
        for m in rows.select_related("staff").order_by("staff__name")
    ]
    if user.role == Role.ADMIN:
        rights.insert(0, "administratör")
    return "; ".join(rights) or "ingen behörighet i dag (adjungering avslutad)"
