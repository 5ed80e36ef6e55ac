from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lagesbild.themes.management.commands._common import collection_or_error
from lagesbild.themes.models import RunStatus
from lagesbild.themes.services import AnalysisError, codebook_for, run_start, theme_run_execute_now


class Command(BaseCommand):
    help = (
        "Föreslå teman i en insamling (hela, en fråga eller en kanal) och spara förslagen; "
        "skriver temasökningens nummer och temana. Bekräfta dem i webbappen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--collection", required=True, help="insamlingens kortnamn")
        parser.add_argument("--question", type=int, help="frågans id (bara svaren på den frågan)")
        parser.add_argument(
            "--channel", default="", help="bara en kanal (web, survey, meeting, letter, interview)"
        )
        parser.add_argument("--backend", choices=["tfidf", "e5"], default="tfidf", help="metod")

    def handle(self, *args: Any, **options: Any) -> None:
        collection = collection_or_error(options["collection"])
        prompt = None
        if options["question"]:
            prompt = collection.prompts.filter(pk=options["question"]).first()
            if prompt is None:
                raise CommandError(f"Frågan {options['question']} finns inte i insamlingen.")
        try:
            run = run_start(
                codebook=codebook_for(collection=collection), actor=None, prompt=prompt,
                channel=options["channel"], backend=options["backend"], enqueue=False,
            )  # fmt: skip
        except AnalysisError as exc:
            raise CommandError(str(exc)) from exc
        run = theme_run_execute_now(run_id=run.pk)
        if run.status != RunStatus.DONE:
            raise CommandError(f"Temasökning #{run.pk} misslyckades: {run.message}")
        self.stdout.write(
            f"Temasökning #{run.pk}: {run.themes.count()} teman av {run.source_count} källor"
        )
        for theme in run.themes.all():
            self.stdout.write(f"  {theme.size:>5}  {theme.label}")
