"""Full-text search: an FTS5 table of stemmed text on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE_UP = [
    # rowid is the source id; body holds the Swedish stems of the redacted text.
    "CREATE VIRTUAL TABLE experiences_source_fts USING fts5("
    "body, tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_DOWN = ["DROP TABLE IF EXISTS experiences_source_fts"]
POSTGRES_UP = [
    "CREATE INDEX experiences_source_text_swedish ON experiences_source "
    "USING gin (to_tsvector('swedish'::regconfig, text))",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS experiences_source_text_swedish"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("experiences", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
