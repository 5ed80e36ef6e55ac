"""Counts per codebook (the codebook's list and the triangulation matrix), exact and cached.

Aggregating 300,000 codings on every view costs seconds, so the results are kept per codebook
in `CountCache`. They stay exact this way:

1. Every change the counts depend on calls `counts_changed` inside its own transaction: codings
   made, deleted, moved or reviewed; codes created, edited, merged, retired or restored;
   sources deleted or given another category, channel or respondent (experiences tells us
   through SOURCE_CHANGE_LISTENERS). It bumps `Codebook.counts_version`.
2. A view reads the version first, then uses the cached entry only if it was computed at that
   version; otherwise it computes the counts and stores them with the version it read.
3. A change that commits while the counts are computed has already bumped the version, so the
   stored entry is stale at once and the next view computes again: never wrong, at worst late
   by one computation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q

from lagesbild.themes.models import Code, Codebook, Coding, CountCache, Origin

Counts = dict[str, Any]


def counts_changed(*, codebook_id: int | None = None, collection_id: int | None = None) -> None:
    """Mark the codebook's cached counts stale; call it in the transaction that changes them."""
    books = Codebook.objects.all()
    if codebook_id is not None:
        books = books.filter(pk=codebook_id)
    elif collection_id is not None:
        books = books.filter(collection_id=collection_id)
    else:
        return
    books.update(counts_version=F("counts_version") + 1)


def sources_changed(*, collection_id: int, **_ignored: Any) -> None:
    """Listener for experiences: sources of the collection were deleted or re-described."""
    counts_changed(collection_id=collection_id)


def counts_cached(*, codebook: Codebook, kind: str, compute: Callable[[], Counts]) -> Counts:
    """The counts of this kind at the codebook's current version, computed only when stale."""
    version = Codebook.objects.filter(pk=codebook.pk).values_list("counts_version", flat=True)[0]
    cached = (
        CountCache.objects.filter(codebook=codebook, kind=kind, version=version)
        .values_list("data", flat=True)
        .first()
    )
    if cached is not None:
        return cached
    data = compute()
    # Never replace an entry of a newer version (another view may have computed one meanwhile).
    stored = CountCache.objects.filter(codebook=codebook, kind=kind, version__lte=version).update(
        version=version, data=data
    )
    if not stored and not CountCache.objects.filter(codebook=codebook, kind=kind).exists():
        try:
            with transaction.atomic():
                CountCache.objects.create(codebook=codebook, kind=kind, version=version, data=data)
        except IntegrityError:
            pass  # a parallel view stored it first; either entry is exact for its version
    return data


def _code_counts(codebook: Codebook) -> Counts:
    # Code ids, not a join on the code table: the grouped pass then reads the codings' index
    # on (code, source) in order, which also serves the distinct count of sources.
    code_ids = list(Code.objects.filter(codebook=codebook).values_list("id", flat=True))
    rows = (
        Coding.objects.filter(code_id__in=code_ids, sample__isnull=True)
        .values("code_id")
        .annotate(
            n_sources=Count("source_id", distinct=True),
            n_confirmed=Count("id", filter=Q(origin=Origin.PERSON) | Q(reviewed_at__isnull=False)),
            n_proposed=Count("id", filter=Q(origin=Origin.ENGINE, reviewed_at__isnull=True)),
        )
        .order_by()
    )
    return {
        "codes": {
            str(r["code_id"]): [r["n_sources"], r["n_confirmed"], r["n_proposed"]] for r in rows
        }
    }


def code_counts(*, codebook: Codebook) -> Counts:
    """Per code id (a string): [sources, confirmed codings, proposals]."""
    return counts_cached(codebook=codebook, kind="codes", compute=lambda: _code_counts(codebook))


def coded_count(*, codebook: Codebook) -> int:
    """How many of the collection's sources carry at least one coding (for the overview)."""

    def compute() -> Counts:
        code_ids = list(Code.objects.filter(codebook=codebook).values_list("id", flat=True))
        n = (
            Coding.objects.filter(code_id__in=code_ids, sample__isnull=True)
            .order_by()
            .aggregate(n=Count("source_id", distinct=True))["n"]
        )
        return {"coded": n}

    return int(counts_cached(codebook=codebook, kind="coded", compute=compute)["coded"])


def codes_annotated(*, codebook: Codebook, codes: list[Code]) -> list[Code]:
    """The codes with n_sources, n_confirmed and n_proposed set from the cached counts."""
    counts = code_counts(codebook=codebook)["codes"]
    for code in codes:
        n = counts.get(str(code.pk), (0, 0, 0))
        code.n_sources, code.n_confirmed, code.n_proposed = n  # type: ignore[attr-defined]
    return codes


def _matrix_counts(
    codebook: Codebook, subtrees: dict[int, list[int]], include_proposals: bool
) -> Counts:
    """1. One query: each distinct (code, source) with the source's category, channel and
    respondent. 2. Each code's subtree collects its sources and respondents per column, so a
    source under two sub-codes counts once. 3. Only the sizes are kept."""
    code_ids = list(Code.objects.filter(codebook=codebook).values_list("id", flat=True))
    codings = Coding.objects.filter(code_id__in=code_ids, sample__isnull=True)
    if not include_proposals:
        codings = codings.confirmed()
    rows = (
        codings.order_by()
        .values_list(
            "code_id",
            "source_id",
            "source__category_id",
            "source__channel",
            "source__respondent_id",
        )
        .distinct()
    )
    # Each code's own rows go to itself and to every code above it (its "rolled" totals).
    up: dict[int, list[int]] = defaultdict(list)
    for top, members in subtrees.items():
        for member in members:
            up[member].append(top)
    cells: dict[tuple[str, int, Any], tuple[set[int], set[int]]] = {}
    for code_id, source_id, category_id, channel, respondent_id in rows.iterator(chunk_size=5000):
        for target in up.get(code_id) or (code_id,):
            for axis, column in (("category", category_id), ("channel", channel)):
                cell = cells.get((axis, target, column))
                if cell is None:
                    cell = cells[(axis, target, column)] = (set(), set())
                cell[0].add(source_id)
                if respondent_id is not None:
                    cell[1].add(respondent_id)
    out: Counts = {"category": {}, "channel": {}}
    for (axis, code_id, column), (sources, respondents) in cells.items():
        out[axis][f"{code_id}:{column}"] = [len(sources), len(respondents)]
    return out


def matrix_counts(
    *, codebook: Codebook, subtrees: dict[int, list[int]], include_proposals: bool
) -> Counts:
    """Per axis ("category", "channel"): "code_id:column" → [sources, respondents].

    `subtrees` (each active code with the codes below it) is part of what is cached: the tree
    only changes through the code services, which all call counts_changed.
    """
    kind = "matrix-all" if include_proposals else "matrix"
    return counts_cached(
        codebook=codebook,
        kind=kind,
        compute=lambda: _matrix_counts(codebook, subtrees, include_proposals),
    )
