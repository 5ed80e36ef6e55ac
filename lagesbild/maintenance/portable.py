"""The portable database format: Django's own JSON serialisation, for moving between engines.

A trial on SQLite that becomes a PostgreSQL installation (or the other way) moves with
`lagesbild backup --portable`. Primary keys are kept (the audit log names objects by id);
content types are referred to by natural key because the target numbers its own. Only the
same version of Lägesbild can load it: the JSON has the shape of today's models.
"""

from pathlib import Path

from django.core.management import call_command
from django.db import connections

MEMBER = "database/lagesbild.json"
# Rebuilt by `migrate` in the target, or worthless there (sessions end with the move).
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]


def portable_dump(*, alias: str, target: Path) -> None:
    call_command(
        "dumpdata",
        "--natural-foreign",
        *[f"--exclude={label}" for label in EXCLUDED],
        database=alias,
        output=str(target),
        verbosity=0,
    )


def portable_load(*, alias: str, dump: Path, replace: bool) -> None:
    """Migrate the target to today's schema, empty it if asked, load the rows, rebuild indexes."""
    call_command("migrate", database=alias, interactive=False, verbosity=0)
    if replace:
        call_command("flush", database=alias, interactive=False, verbosity=0)
    json_file = dump.with_suffix(".json")  # loaddata knows the format by the file's suffix
    dump.rename(json_file)
    call_command("loaddata", str(json_file), database=alias, verbosity=0)
    if connections[alias].vendor == "sqlite":
        # SQLite's full-text index is a table of its own, outside the models.
        from lagesbild.experiences.models import Source
        from lagesbild.experiences.search import search_index

        search_index(items=Source.objects.using(alias).values_list("id", "text").iterator())
