"""Full-text index: an FTS5 table of stemmed text on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE_UP = [
    # rowid is the search document's id; body holds the Swedish stems of title and text.
    "CREATE VIRTUAL TABLE search_searchdocument_fts USING fts5("
    "body, tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_DOWN = ["DROP TABLE IF EXISTS search_searchdocument_fts"]
POSTGRES_UP = [
    "CREATE INDEX search_document_swedish ON search_searchdocument "
    "USING gin (to_tsvector('swedish'::regconfig, title || ' ' || body))",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS search_document_swedish"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
