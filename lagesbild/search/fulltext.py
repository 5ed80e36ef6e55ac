"""Swedish full-text matching, the one mechanism every search in the product uses.

PostgreSQL: the `swedish` text-search configuration over a GIN-indexed tsvector. SQLite: an
FTS5 table holding the Snowball Swedish stems of the same text, so "inloggning" finds
"inloggningen" on both. Callers name their FTS5 table and their PostgreSQL expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import Stemmer
from django.db import connection
from django.db.models.expressions import RawSQL

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("swedish")


def stems(text: str) -> list[str]:
    return _stemmer().stemWords(WORD_RE.findall(text.lower()))


def words(query: str) -> list[str]:
    return WORD_RE.findall(query.lower())


def uses_fts5() -> bool:
    return connection.vendor == "sqlite"


def fts_write(*, table: str, rows: Iterable[tuple[int, str]]) -> None:
    """Put (rowid, text) into an FTS5 table as stems, replacing what was there (SQLite only)."""
    if not uses_fts5():
        return
    stemmed = [(pk, " ".join(stems(text))) for pk, text in rows]
    if not stemmed:
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {table} WHERE rowid = %s", [(pk,) for pk, _ in stemmed])
        cursor.executemany(f"INSERT INTO {table} (rowid, body) VALUES (%s, %s)", stemmed)


def fts_delete(*, table: str, ids: Iterable[int]) -> None:
    if not uses_fts5():
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {table} WHERE rowid = %s", [(pk,) for pk in ids])


def matching_ids(*, fts_table: str, pg_table: str, pg_document: str, query: str) -> RawSQL | None:
    """A subquery of the ids whose text holds every word of the query (None: no words).

    `pg_document` is the SQL expression the PostgreSQL GIN index is built on.
    """
    found = words(query)
    if not found:
        return None
    if uses_fts5():
        # Each stem quoted so FTS5 reads it as a term, never as an operator.
        match = " AND ".join(f'"{stem}"' for stem in stems(" ".join(found)))
        return RawSQL(f"SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH %s", [match])
    return RawSQL(
        f"SELECT id FROM {pg_table} WHERE "
        f"{pg_document} @@ plainto_tsquery('swedish'::regconfig, %s)",
        [" ".join(found)],
    )
