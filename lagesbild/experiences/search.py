"""Swedish full-text search over redacted source text, through the product's one mechanism
(`search/fulltext.py`).

PostgreSQL: the `swedish` text-search configuration, served by a GIN index on
to_tsvector('swedish', text). SQLite: an FTS5 table holding the Snowball Swedish stems of
the same text, so "inloggning" finds "inloggningen" on both.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from lagesbild.experiences.models import Source
from lagesbild.search.fulltext import fts_delete, fts_write, stems, swedish_vector, text_matches

FTS_TABLE = "experiences_source_fts"
# The expression of the GIN index on experiences_source (migration 0003).
PG_DOCUMENT = "text"

__all__ = ["search_forget", "search_index", "search_trigger_ensure", "source_search", "stems"]


def search_index(*, items: Iterable[tuple[int, str]]) -> None:
    """Write (source id, redacted text) pairs into the SQLite index; PostgreSQL needs nothing."""
    fts_write(table=FTS_TABLE, rows=items)


def search_forget(*, source_ids: Iterable[int]) -> None:
    fts_delete(table=FTS_TABLE, ids=source_ids)


def search_trigger_ensure(*, using: str = "default") -> None:
    """On SQLite, the trigger that removes a deleted source's index row (see migration 0003)."""
    from django.db import connections

    conn = connections[using]
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        tables = {t.name for t in conn.introspection.get_table_list(cursor)}
        if {"experiences_source", FTS_TABLE} <= tables:
            cursor.execute(
                "CREATE TRIGGER IF NOT EXISTS experiences_source_fts_forget AFTER DELETE ON "
                f"experiences_source BEGIN DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END"
            )


def source_search(queryset: QuerySet[Source], query: str) -> QuerySet[Source]:
    """Narrow the queryset to sources whose redacted text holds every word of the query."""
    matches = text_matches(
        fts_table=FTS_TABLE, pg_document=swedish_vector(PG_DOCUMENT), query=query
    )
    return queryset if matches is None else queryset.filter(matches)
