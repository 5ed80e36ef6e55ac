"""Swedish full-text search over redacted source text.

PostgreSQL: the `swedish` text-search configuration, served by a GIN index on
to_tsvector('swedish', text). SQLite: an FTS5 table holding the Snowball Swedish stems of
the same text, so "inloggning" finds "inloggningen" on both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import Stemmer
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from lagesbild.experiences.models import Source

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
FTS_TABLE = "experiences_source_fts"


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("swedish")


def stems(text: str) -> list[str]:
    return _stemmer().stemWords(_WORD_RE.findall(text.lower()))


def _uses_fts5() -> bool:
    return connection.vendor == "sqlite"


def search_index(*, items: Iterable[tuple[int, str]]) -> None:
    """Write (source id, redacted text) pairs into the SQLite index; PostgreSQL needs nothing."""
    if not _uses_fts5():
        return
    rows = [(pk, " ".join(stems(text))) for pk, text in items]
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk, _ in rows])
        cursor.executemany(f"INSERT INTO {FTS_TABLE} (rowid, body) VALUES (%s, %s)", rows)


def search_forget(*, source_ids: Iterable[int]) -> None:
    if not _uses_fts5():
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in source_ids]
        )


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
    words = _WORD_RE.findall(query.lower())
    if not words:
        return queryset
    if _uses_fts5():
        # Each stem quoted so FTS5 reads it as a term, never as an operator.
        match = " AND ".join(f'"{stem}"' for stem in stems(" ".join(words)))
        ids = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
    else:
        ids = RawSQL(
            "SELECT id FROM experiences_source WHERE "
            "to_tsvector('swedish'::regconfig, text) @@ plainto_tsquery('swedish'::regconfig, %s)",
            [" ".join(words)],
        )
    return queryset.filter(id__in=ids)
