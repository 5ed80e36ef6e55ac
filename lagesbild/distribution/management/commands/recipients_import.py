from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lagesbild.accounts.permissions import add_as_argument, person_for_cli
from lagesbild.distribution.models import DistributionList
from lagesbild.distribution.services.lists import (
    ImportFileError,
    recipients_import,
    recipients_parse,
)
from lagesbild.staff.models import Staff


class Command(BaseCommand):
    help = (
        "Läs in mottagare till en sändlista från CSV eller XLSX. Utan --commit visas bara vad "
        "som skulle läsas in och vilka rader som är fel; med --commit läses alla giltiga rader in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FIL")
        parser.add_argument("--list", required=True, dest="list_name", metavar="NAMN")
        parser.add_argument(
            "--staff", metavar="KORTNAMN", help="Staben (behövs om det finns flera)."
        )
        parser.add_argument("--commit", action="store_true", help="Läs in de giltiga raderna.")
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Filen {path} finns inte.")
        staffs = Staff.objects.all()
        if options["staff"]:
            staffs = staffs.filter(slug=options["staff"])
        if staffs.count() != 1:
            raise CommandError("Ange staben med --staff KORTNAMN.")
        staff = staffs.get()
        by = person_for_cli(options["as_user"], "manage_distribution", staff)
        lst = DistributionList.objects.filter(staff=staff, name=options["list_name"]).first()
        try:
            preview = recipients_parse(
                filename=path.name, content=path.read_bytes(), distribution_list=lst
            )
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        for problem in preview.invalid:
            self.stdout.write(f"rad {problem.row}: {problem.reason}: {problem.value}")
        for problem in preview.duplicates:
            self.stdout.write(f"rad {problem.row}: dubblett: {problem.value} ({problem.reason})")
        self.stdout.write(
            f"{len(preview.valid)} giltiga, {len(preview.invalid)} ogiltiga, "
            f"{len(preview.duplicates)} dubbletter."
        )
        if not options["commit"]:
            self.stdout.write(
                "Inget är inläst. Kör igen med --commit för att läsa in de giltiga raderna."
            )
            return
        if lst is None:
            lst = DistributionList.objects.create(staff=staff, name=options["list_name"])
        count = recipients_import(
            distribution_list=lst,
            rows=preview.valid,
            by=by,
            by_label="" if by else "kommandoraden (lagesbild recipients-import)",
        )
        self.stdout.write(self.style.SUCCESS(f"Läste in {count} mottagare till ”{lst.name}”."))
