"""Asking the index for a person: only what they may open, grouped by kind, words marked."""

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lagesbild.accounts.permissions import ADMIN, MATRIX, is_admin, membership_roles
from lagesbild.search.fulltext import (
    WORD_RE,
    stems,
    stored_vector,
    text_matches,
    uses_fts5,
    words,
)
from lagesbild.search.models import SearchDocument
from lagesbild.search.registry import KINDS, LIVE_KINDS, LiveKind, known_actions
from lagesbild.search.services import FTS_TABLE
from lagesbild.staff.models import StaffMember

# A stored generated column on PostgreSQL (migration 0003): matched and ranked without
# parsing the text again.
PG_DOCUMENT = "search_vector"
# How many matches are ranked, so a common word costs about what a rare one does. SQLite: the
# most recently indexed matches, scored by FTS5's bm25 (a batch; more batches only while too
# few of them are visible to fill the page). PostgreSQL: the newest visible matches by date.
# A query with fewer matches than this is ranked over all of them: best first, exactly.
RANKED_CANDIDATES = 2000
RANKED_BATCHES = 5
# Visible matches counted per query: beyond this the page says "fler än 1 000" and the counts
# per kind are those among the first COUNT_CAP (shown as "minst").
COUNT_CAP = 1000
SNIPPET_WORDS = 36
PER_GROUP = 5


@dataclass
class Hit:
    kind: str
    text: str  # the plain title, for the command line
    title: SafeString
    snippet: SafeString
    date: Any
    url: str


@dataclass
class Group:
    kind: str
    label: Any
    count: int
    hits: list[Hit] = field(default_factory=list)
    capped: bool = False  # count is a lower bound: counting stopped at COUNT_CAP


def visible_to(user: Any) -> QuerySet[SearchDocument]:
    """Entries this person may open: public ones, and those of staffs where they hold the right.

    The person's rights come from one query of today's memberships, turned into plain lists
    (action → staff ids) here: the same rule as `staffs_for`, without a subquery per action.
    """
    allowed = Q(is_public=True)
    if user is None or not user.is_authenticated or not user.is_active:
        return SearchDocument.objects.filter(allowed)
    roles_by_staff: dict[int, set[str]] = {}
    memberships = StaffMember.objects.active_on(timezone.localdate()).filter(user=user)
    for staff_id, staff_role, access_role in memberships.values_list(
        "staff_id", "staff_role", "access_role"
    ):
        roles_by_staff.setdefault(staff_id, set()).update(membership_roles(staff_role, access_role))
    admin = is_admin(user)
    # The registry knows every action an entry may name; no need to ask the index.
    actions_by_staffs: dict[frozenset[int] | None, list[str]] = {}
    for action in sorted(known_actions() & set(MATRIX)):
        if admin and ADMIN in MATRIX[action]:
            actions_by_staffs.setdefault(None, []).append(action)  # None: every staff
            continue
        held = frozenset(s for s, roles in roles_by_staff.items() if roles & MATRIX[action])
        if held:
            actions_by_staffs.setdefault(held, []).append(action)
    for staffs, actions in actions_by_staffs.items():
        if staffs is None:
            allowed |= Q(action__in=actions)
        else:
            allowed |= Q(action__in=actions, staff_id__in=sorted(staffs))
    return SearchDocument.objects.filter(allowed)


@lru_cache(maxsize=50_000)
def _token_stems(token: str) -> tuple[str, ...]:
    """Stems of one word as written: snippets and marks stem the same words again and again."""
    return tuple(stems(token))


def _mark(text: str, wanted: set[str]) -> str:
    out: list[str] = []
    last = 0
    for match in WORD_RE.finditer(text):
        if _token_stems(match.group())[0] in wanted:
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def snippet(body: str, wanted: set[str]) -> str:
    """About SNIPPET_WORDS words around the first matched word, with matches marked."""
    tokens = body.split()
    first = next(
        (i for i, t in enumerate(tokens) if any(s in wanted for s in _token_stems(t))),
        0,
    )
    start = max(0, first - SNIPPET_WORDS // 3)
    part = " ".join(tokens[start : start + SNIPPET_WORDS])
    return (
        ("… " if start else "")
        + _mark(part, wanted)
        + (" …" if start + SNIPPET_WORDS < len(tokens) else "")
    )


def _ranked(
    candidates: QuerySet[SearchDocument],
    visible: QuerySet[SearchDocument],
    query: str,
    limit: int,
) -> list[SearchDocument]:
    if uses_fts5():
        return _ranked_fts5(visible, query, limit)
    rank = RawSQL(
        f"ts_rank({PG_DOCUMENT}, plainto_tsquery('swedish'::regconfig, %s))",
        [" ".join(words(query))],
    )
    pool = candidates.order_by("-date", "-id").values("pk")[:RANKED_CANDIDATES]
    ranked = SearchDocument.objects.filter(pk__in=pool).annotate(rank=rank)
    return list(ranked.order_by("-rank", "-date")[:limit])


def _ranked_fts5(visible: QuerySet[SearchDocument], query: str, limit: int) -> list[SearchDocument]:
    """bm25 over the most recently indexed matches, batch by batch, never over every match.

    FTS5 walks its doclist in rowid order and stops at LIMIT, and bm25 is computed only for the
    rows it returns; `ORDER BY rank` would score every match first. A batch is ranked as a whole
    and only its visible rows are kept; the next (older) batch is read only if the page is not
    yet full, so a person who may open little of the index still finds what they may open.
    """
    match = " AND ".join(f'"{s}"' for s in stems(" ".join(words(query))))
    best: list[int] = []
    before: int | None = None
    for _batch in range(RANKED_BATCHES):
        older = "" if before is None else f" AND rowid < {int(before)}"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, bm25({FTS_TABLE}) FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s{older} ORDER BY rowid DESC LIMIT %s",
                [match, RANKED_CANDIDATES],
            )
            rows = cursor.fetchall()
        if not rows:
            break
        # bm25 is lower for a better match; among equals, the newer first.
        order = [pk for pk, _score in sorted(rows, key=lambda r: (r[1], -r[0]))]
        # Ids only for the permission check; whole rows only for the few that are shown.
        # One JSON parameter rather than 2,000: Django compiles it at once, SQLite reads it
        # with json_each. `visible`, not the candidates: these rows are known to match.
        listed = RawSQL("SELECT value FROM json_each(%s)", [json.dumps(order)])
        allowed = set(visible.filter(pk__in=listed).values_list("pk", flat=True))
        best += [pk for pk in order if pk in allowed]
        if len(best) >= limit or len(rows) < RANKED_CANDIDATES:
            break
        before = rows[-1][0]
    best = best[:limit]
    docs = SearchDocument.objects.in_bulk(best)
    return [docs[pk] for pk in best]


def search_for(
    *, user: Any, query: str, kind: str = "", newest: bool = False, limit: int = 60
) -> list[Group]:
    """1. Match every word (stems). 2. Keep what the person may open. 3. Order best or newest.
    4. Group by kind with counts; mark the matched words."""
    matches = text_matches(fts_table=FTS_TABLE, pg_document=stored_vector(PG_DOCUMENT), query=query)
    if matches is None:
        return []
    wanted = set(stems(" ".join(words(query))))
    # An overview shows a few hits per kind; narrowed to one kind, it shows many.
    per_group = limit if kind else PER_GROUP
    live = [
        _live_group(k, user, query, newest, per_group, wanted)
        for k in LIVE_KINDS.values()
        if not kind or kind == k.name
    ]
    if kind in LIVE_KINDS:
        return [g for g in live if g.count]
    visible = visible_to(user)
    if kind:
        visible = visible.filter(kind=kind)
    candidates = visible.filter(matches)
    # At most COUNT_CAP + 1 visible matches are read: a common word costs no more to count.
    seen = list(candidates.values_list("kind", flat=True)[: COUNT_CAP + 1])
    capped = len(seen) > COUNT_CAP
    counts = Counter(seen[:COUNT_CAP])
    if newest:
        docs = list(candidates.order_by("-date", "-id")[:limit])
    else:
        docs = _ranked(candidates, visible, query, limit)
    groups: dict[str, Group] = {}
    for name in [k for k in KINDS if counts.get(k)]:
        groups[name] = Group(kind=name, label=KINDS[name].label, count=counts[name], capped=capped)
    for doc in docs:
        if doc.kind in groups and len(groups[doc.kind].hits) < per_group:
            groups[doc.kind].hits.append(
                Hit(
                    kind=doc.kind,
                    text=doc.title,
                    title=mark_safe(_mark(doc.title, wanted)),  # noqa: S308 - escaped in _mark
                    snippet=mark_safe(snippet(doc.body, wanted)),  # noqa: S308
                    date=doc.date,
                    url=doc.url,
                )
            )
    found = list(groups.values()) + [g for g in live if g.count]
    return sorted(found, key=lambda g: -g.count)


def _live_group(
    kind: LiveKind, user: Any, query: str, newest: bool, limit: int, wanted: set[str]
) -> Group:
    count, hits = kind.find(user, query, limit, newest)
    return Group(
        kind=kind.name,
        label=kind.label,
        count=min(count, COUNT_CAP),
        capped=count > COUNT_CAP,
        hits=[
            Hit(
                kind=kind.name,
                text=h.title,
                title=mark_safe(_mark(h.title, wanted)),  # noqa: S308 - escaped in _mark
                snippet=mark_safe(snippet(h.body, wanted)),  # noqa: S308
                date=h.date,
                url=h.url,
            )
            for h in hits
        ],
    )


def total_of(groups: list[Group]) -> tuple[int, bool]:
    """The number of hits to show, and whether it is a lower bound ("fler än 1 000")."""
    return sum(g.count for g in groups), any(g.capped for g in groups)
