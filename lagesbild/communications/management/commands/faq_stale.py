"""`lagesbild faq-stale`: answers not reviewed in LAGESBILD_FAQ_STALE_DAYS, per owner."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from lagesbild.communications.services import faq_stale, faq_stale_remind


class Command(BaseCommand):
    help = (
        "Visa svar i Frågor och svar som inte granskats på LAGESBILD_FAQ_STALE_DAYS dagar, "
        "per ansvarig. --skicka påminner varje ansvarig med e-post (högst en gång per period)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--skicka", action="store_true", help="e-posta de ansvariga")

    def handle(self, *args: Any, **options: Any) -> None:
        stale = faq_stale()
        if not stale:
            self.stdout.write(
                f"Alla svar är granskade de senaste {settings.FAQ_STALE_DAYS} dagarna."
            )
            return
        for owner, entries in stale.items():
            self.stdout.write(owner.display_name() if owner else "Ingen ansvarig")
            for entry in entries:
                reviewed = entry.last_reviewed_at
                self.stdout.write(
                    f"  {entry} (granskad {reviewed:%Y-%m-%d})" if reviewed else f"  {entry}"
                )
        if options["skicka"]:
            self.stdout.write(f"Påminnelser skickade: {faq_stale_remind()}")
