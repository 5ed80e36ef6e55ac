import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lagesbild.accounts.permissions import add_as_argument, person_for_cli
from lagesbild.experiences.models import Channel, Collection
from lagesbild.experiences.services import (
    FileRefused,
    Mapping,
    collection_create,
    import_commit,
    import_preview,
    table_read,
)
from lagesbild.staff.models import Staff


class Command(BaseCommand):
    help = (
        "Läs in enkätsvar (CSV/XLSX) till en erfarenhetsinsamling. Utan --commit visas bara vad "
        "som skulle importeras och problemen per rad. Importen är allt eller inget."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV- eller XLSX-fil")
        parser.add_argument("--collection", required=True, help="insamlingens kortnamn")
        parser.add_argument("--staff", help="stabens kortnamn (om insamlingen ska skapas)")
        parser.add_argument(
            "--channel", default=Channel.SURVEY, choices=[Channel.SURVEY, Channel.WEB]
        )
        parser.add_argument(
            "--text-column",
            action="append",
            required=True,
            dest="text_columns",
            help="kolumn med svarstext; upprepa för flera frågor",
        )
        parser.add_argument("--category-column", default="")
        parser.add_argument("--date-column", default="")
        parser.add_argument(
            "--attribute-column", action="append", default=[], dest="attribute_columns"
        )
        parser.add_argument("--commit", action="store_true", help="importera på riktigt")
        add_as_argument(parser)

    def _collection(self, slug: str, staff_slug: str | None, commit: bool) -> Collection | None:
        collection = Collection.objects.filter(slug=slug).first()
        if collection is not None:
            self.by = person_for_cli(self.as_user, "manage_experiences", collection.staff)
            return collection
        if staff_slug:
            staff = Staff.objects.filter(slug=staff_slug).first()
            if staff is None:
                raise CommandError(f"Staben {staff_slug!r} finns inte.")
        else:
            staffs = list(Staff.objects.all()[:2])
            if len(staffs) != 1:
                raise CommandError("Ange --staff: det finns inte exakt en stab.")
            staff = staffs[0]
        self.by = person_for_cli(self.as_user, "manage_experiences", staff)
        if not commit:
            self.stdout.write(f"Insamlingen {slug!r} finns inte och skapas vid --commit.")
            return None
        self.stdout.write(f"Skapar insamlingen {slug!r} i {staff}.")
        return collection_create(
            staff=staff,
            title=slug,
            slug=slug,
            actor=self.by,
            actor_label="" if self.by else "lagesbild experiences-import",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Filen {path} finns inte.")
        try:
            table = table_read(path.name, path.read_bytes())
        except FileRefused as exc:
            raise CommandError(str(exc)) from exc
        mapping = Mapping(
            text_columns=options["text_columns"],
            category_column=options["category_column"],
            date_column=options["date_column"],
            attribute_columns=options["attribute_columns"],
            channel=options["channel"],
        )
        self.as_user, self.by = options["as_user"], None
        collection = self._collection(options["collection"], options["staff"], options["commit"])
        # Without the collection (dry run) categories are the defaults a new one would get.
        if collection is not None:
            preview = import_preview(collection=collection, table=table, mapping=mapping)
        else:
            preview = self._dry_preview(table, mapping)
        for problem in preview.problems:
            marker = "FEL" if problem.blocking else "obs"
            self.stdout.write(f"rad {problem.row}: {marker}: {problem.message}")
        self.stdout.write(
            f"{len(table.rows)} rader, {preview.source_count} källor från {len(preview.items)} "
            f"svarande, {len(preview.blocking)} fel."
        )
        if not options["commit"]:
            self.stdout.write("Inget importerat (lägg till --commit).")
            return
        if preview.blocking:
            raise CommandError("Inget importerat: rätta felen först.")
        assert collection is not None
        count = import_commit(
            collection=collection,
            preview=preview,
            actor=self.by,
            actor_label="" if self.by else "lagesbild experiences-import",
        )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{count} källor importerade till {collection.slug} på {elapsed:.1f} s."
            )
        )

    def _dry_preview(self, table: Any, mapping: Mapping) -> Any:
        from django.db import transaction

        from lagesbild.experiences.models import DEFAULT_CATEGORIES, ParticipantCategory

        # A throwaway collection inside a rolled-back transaction gives the default categories.
        with transaction.atomic():
            staff = Staff.objects.first() or Staff.objects.create(name="-", slug="-dry-run-")
            collection = Collection.objects.create(staff=staff, title="-", slug="-dry-run-")
            for i, name in enumerate(DEFAULT_CATEGORIES):
                ParticipantCategory.objects.create(collection=collection, name=name, position=i)
            preview = import_preview(collection=collection, table=table, mapping=mapping)
            transaction.set_rollback(True)
        return preview
