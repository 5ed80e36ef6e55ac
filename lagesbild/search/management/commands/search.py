"""lagesbild search "QUERY": what the search box finds, printed for the terminal."""

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lagesbild.accounts.models import User
from lagesbild.search import query as index
from lagesbild.search.query import search_for, total_of
from lagesbild.search.registry import KINDS, LIVE_KINDS
from lagesbild.search.services import search_reindex


class Command(BaseCommand):
    help = (
        "Sök i allt som personen får öppna och skriv ut slag, rubrik, datum och länk. "
        "Utan --anvandare syns bara det som är publikt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query", nargs="?", default="", help="Sökorden.")
        parser.add_argument(
            "--anvandare", "--user", dest="user", help="Sök som den här användaren."
        )
        parser.add_argument(
            "--slag",
            "--kind",
            dest="kind",
            choices=sorted([*KINDS, *LIVE_KINDS]),
            help="Bara ett slag.",
        )
        parser.add_argument(
            "--nyast", "--newest", dest="newest", action="store_true", help="Nyast först."
        )
        parser.add_argument(
            "--bygg-om",
            "--reindex",
            dest="reindex",
            action="store_true",
            help="Bygg om sökindexet från grunden först.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reindex"]:
            counts = search_reindex()
            self.stdout.write(f"Sökindexet är ombyggt: {sum(counts.values())} poster.")
        if not options["query"]:
            if not options["reindex"]:
                raise CommandError("Ange sökord, eller --bygg-om.")
            return
        user: Any = AnonymousUser()
        if options["user"]:
            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(f"Ingen aktiv användare heter {options['user']}.")
        groups = search_for(
            user=user, query=options["query"], kind=options["kind"] or "", newest=options["newest"]
        )
        if not groups:
            self.stdout.write("Inget hittades.")
            return
        for group in groups:
            for hit in group.hits:
                when = f"{hit.date:%Y-%m-%d}" if hit.date else "-"
                self.stdout.write(
                    f"{group.label}\t{hit.text}\t{when}\t{settings.SITE_URL}{hit.url}"
                )
        # The number on standard error, so the lines above stay clean for a pipe.
        total, capped = total_of(groups)
        if capped:
            self.stderr.write(f"Fler än {index.COUNT_CAP:,} träffar.".replace(",", "\u00a0"))
        else:
            self.stderr.write(f"{total} träff." if total == 1 else f"{total} träffar.")
