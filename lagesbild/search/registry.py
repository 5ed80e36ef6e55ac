"""What can be found: each app registers its kinds in its AppConfig.ready(), so search imports
no app and every app decides for itself what a reader may see of its things."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models

from lagesbild.staff.models import Staff


@dataclass(frozen=True)
class Findable:
    """How one object reads in search, and who may open it."""

    title: str
    body: str
    staff: Staff | None
    action: str
    url: str
    date: datetime | None = None
    is_public: bool = False


@dataclass(frozen=True)
class Kind:
    name: str
    label: Any  # a lazy translation: "Rapporter", "Beslut"…
    model: type[models.Model]
    describe: Callable[[Any], Findable | None]  # None: not findable (e.g. deleted, empty)
    everything: Callable[[], Iterable[models.Model]]
    actions: frozenset[str]  # every permission describe() may name


KINDS: dict[str, Kind] = {}


def searchable(
    name: str,
    *,
    label: Any,
    model: type[models.Model],
    describe: Callable[[Any], Findable | None],
    actions: Iterable[str],
    everything: Callable[[], Iterable[models.Model]] | None = None,
) -> None:
    KINDS[name] = Kind(
        name=name,
        label=label,
        model=model,
        describe=describe,
        everything=everything or (lambda: model._default_manager.all()),
        actions=frozenset(actions),
    )


def known_actions() -> frozenset[str]:
    """Every permission an index entry may require: what a query has to check, per person."""
    return frozenset().union(*(k.actions for k in KINDS.values()))


def kind_for(obj: models.Model) -> Kind | None:
    for kind in KINDS.values():
        if isinstance(obj, kind.model):
            return kind
    return None


@dataclass(frozen=True)
class LiveHit:
    title: str
    body: str
    url: str
    date: datetime | None = None


# (person, query, how many, newest first?) -> (how many match in all, the first hits)
Finder = Callable[[Any, str, int, bool], tuple[int, list[LiveHit]]]


@dataclass(frozen=True)
class LiveKind:
    """A kind an app searches in its own index with the same mechanism (the experience
    collection's sources), so its text is never indexed twice."""

    name: str
    label: Any
    find: Finder


LIVE_KINDS: dict[str, LiveKind] = {}


def searchable_live(name: str, *, label: Any, find: Finder) -> None:
    LIVE_KINDS[name] = LiveKind(name=name, label=label, find=find)


def all_kinds() -> list[tuple[str, Any]]:
    """Every kind a search can be narrowed to, for the form."""
    return [(k.name, k.label) for k in KINDS.values()] + [
        (k.name, k.label) for k in LIVE_KINDS.values()
    ]
