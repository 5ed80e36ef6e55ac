"""Keeping the one search index current, and asking it on behalf of a person."""

from collections.abc import Iterable

from django.db import models, transaction

from lagesbild.search.fulltext import fts_delete, fts_write
from lagesbild.search.models import SearchDocument
from lagesbild.search.registry import KINDS, kind_for

FTS_TABLE = "search_searchdocument_fts"
BATCH = 500


def _indexed_text(doc: SearchDocument) -> str:
    return f"{doc.title}\n{doc.body}"


def search_update(*, obj: models.Model) -> SearchDocument | None:
    """Write (or remove) the object's entry; call it in the transaction that changed it."""
    kind = kind_for(obj)
    if kind is None:
        raise LookupError(f"{type(obj).__name__} is not registered as searchable")
    found = kind.describe(obj)
    if found is None:
        search_remove(obj=obj)
        return None
    if found.action not in kind.actions:
        raise LookupError(f"{kind.name} entries must name one of {sorted(kind.actions)}")
    doc, _created = SearchDocument.objects.update_or_create(
        kind=kind.name,
        object_id=obj.pk,
        defaults={
            "staff": found.staff,
            "action": found.action,
            "is_public": found.is_public,
            "title": found.title[:300],
            "body": found.body,
            "date": found.date,
            "url": found.url,
        },
    )
    fts_write(table=FTS_TABLE, rows=[(doc.pk, _indexed_text(doc))])
    return doc


def search_update_many(*, objects: Iterable[models.Model]) -> int:
    count = 0
    for obj in objects:
        if search_update(obj=obj) is not None:
            count += 1
    return count


def search_remove(*, obj: models.Model) -> None:
    kind = kind_for(obj)
    if kind is None:
        return
    ids = list(
        SearchDocument.objects.filter(kind=kind.name, object_id=obj.pk).values_list("pk", flat=True)
    )
    fts_delete(table=FTS_TABLE, ids=ids)
    SearchDocument.objects.filter(pk__in=ids).delete()


@transaction.atomic
def search_reindex(*, kinds: list[str] | None = None) -> dict[str, int]:
    """Rebuild the index for the named kinds (all by default); returns entries per kind."""
    counts: dict[str, int] = {}
    for name in kinds or list(KINDS):
        kind = KINDS[name]
        old = list(SearchDocument.objects.filter(kind=name).values_list("pk", flat=True))
        fts_delete(table=FTS_TABLE, ids=old)
        SearchDocument.objects.filter(kind=name).delete()
        counts[name] = search_update_many(objects=kind.everything())
    return counts
