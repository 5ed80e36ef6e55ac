"""Random ids for sources and respondents; on SQLite, a trigger that forgets a deleted source.

Sequential ids let anyone place an anonymous web answer between two staff-registered sources
whose registration times are known; random ids order nothing. Existing rows keep their ids.

The trigger removes a source's row from the FTS5 index however the source is deleted (the
service, the admin, a cascade from its collection or staff), so no stems of a deleted text
stay behind. It is created after the table rebuild above, which would drop it;
experiences.apps also re-creates it after every migrate in case a later rebuild dropped it.
"""

from django.db import migrations, models

import lagesbild.experiences.models

SQLITE_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS experiences_source_fts_forget AFTER DELETE ON experiences_source "
    "BEGIN DELETE FROM experiences_source_fts WHERE rowid = old.id; END"
)


def trigger_create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER)
        # Rows left behind by sources deleted before the trigger existed.
        schema_editor.execute(
            "DELETE FROM experiences_source_fts WHERE rowid NOT IN (SELECT id FROM experiences_source)"
        )


def trigger_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS experiences_source_fts_forget")


class Migration(migrations.Migration):
    dependencies = [("experiences", "0002_search")]

    operations = [
        migrations.AlterField(
            model_name="respondent",
            name="id",
            field=models.BigIntegerField(
                default=lagesbild.experiences.models.random_id,
                editable=False,
                primary_key=True,
                serialize=False,
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="id",
            field=models.BigIntegerField(
                default=lagesbild.experiences.models.random_id,
                editable=False,
                primary_key=True,
                serialize=False,
            ),
        ),
        migrations.RunPython(trigger_create, trigger_drop),
    ]
