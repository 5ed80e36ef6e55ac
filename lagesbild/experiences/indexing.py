"""Sources in the one search box: found in the collection's own index (the redacted text, never
the original), for those who may analyse the collection's experiences."""

from datetime import datetime, time
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.accounts.permissions import staffs_for
from lagesbild.experiences.models import Source
from lagesbild.experiences.search import source_search
from lagesbild.search import query as search_query
from lagesbild.search.registry import LiveHit, searchable_live


def _find(user: Any, query: str, limit: int, newest: bool) -> tuple[int, list[LiveHit]]:
    if user is None or not user.is_authenticated:
        return 0, []
    sources = Source.objects.filter(collection__staff__in=staffs_for(user, "analyse_experiences"))
    found = source_search(sources, query)
    # Counted up to one past the cap, as the index's kinds are: a common word costs no more.
    count = found[: search_query.COUNT_CAP + 1].count()
    rows = found.select_related("collection").order_by("-date", "-id")[:limit]
    hits = []
    for s in rows:
        label = s.title or " ".join(s.text.split()[:10])
        hits.append(
            LiveHit(
                title=f"{s.collection.title}, {s.get_channel_display().lower()}: {label}",
                body=s.text,
                url=reverse("experiences:source", args=[s.collection.slug, s.pk]),
                # Sources carry a date only (web answers never a time of day).
                date=timezone.make_aware(datetime.combine(s.date, time(12))) if s.date else None,
            )
        )
    return count, hits


def register() -> None:
    searchable_live("source", label=_("Erfarenheter"), find=_find)
