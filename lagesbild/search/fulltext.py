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
from django.db.models import BooleanField, F, Func, Q, TextField, Value
from django.db.models.expressions import Expression, RawSQL

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


class _TextMatches(Func):
    """`document @@ plainto_tsquery('swedish', words)`: a condition on the row itself.

    Func joins its two expressions with `arg_joiner` and closes the call in `template`.
    """

    output_field = BooleanField()
    template = "%(expressions)s)"
    arg_joiner = " @@ plainto_tsquery('swedish'::regconfig, "


def swedish_vector(field: str) -> Func:
    """`to_tsvector('swedish', field)`, as written in a GIN expression index on that field."""
    return Func(F(field), template="to_tsvector('swedish'::regconfig, %(expressions)s)")


def stored_vector(column: str) -> RawSQL:
    """A stored tsvector column that is not a model field (added by a migration)."""
    return RawSQL(column, [], output_field=TextField())


def text_matches(*, fts_table: str, pg_document: Expression, query: str) -> Q | None:
    """A filter for the indexed model: its text holds every word of the query (None: no words).

    `pg_document` is the expression the PostgreSQL GIN index is built on. There the condition
    is put on the row itself, so the index answers it and each row is read once: as a subquery
    over the same table (`id IN (SELECT id … WHERE document @@ …)`) the planner joined the table
    with itself, two scans of it per query (issue #15: a common word's ranked pool 136 → 30 ms
    on 100,000 entries). SQLite matches in the FTS5 table, which is another table anyway.
    """
    found = words(query)
    if not found:
        return None
    if uses_fts5():
        # Each stem quoted so FTS5 reads it as a term, never as an operator.
        match = " AND ".join(f'"{stem}"' for stem in stems(" ".join(found)))
        return Q(
            id__in=RawSQL(f"SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH %s", [match])
        )
    return Q(_TextMatches(pg_document, Value(" ".join(found))))
