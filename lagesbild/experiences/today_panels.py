"""The experience collection's panel on the start page: what came in since yesterday."""

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lagesbild.accounts.permissions import staffs_for
from lagesbild.experiences.models import Collection
from lagesbild.journal.today import TodayItem, TodayPanel, today_contributor


@today_contributor
def new_experiences(user: Any, today: date) -> list[TodayPanel]:
    # Sources carry a date, never a time (web answers must not be tied to a moment).
    collections = (
        Collection.objects.filter(staff__in=staffs_for(user, "analyse_experiences"))
        .annotate(n=Count("sources", filter=_since(today)))
        .filter(n__gt=0)
        .order_by("-n")
    )
    items = [
        TodayItem(
            ngettext("%(n)d ny källa i %(title)s", "%(n)d nya källor i %(title)s", c.n)
            % {"n": c.n, "title": c.title},
            reverse("experiences:sources", args=[c.slug]),
        )
        for c in collections[:6]
    ]
    return [TodayPanel(_("Nya erfarenheter sedan i går"), items, order=60)]


def _since(today: date) -> Q:
    return Q(sources__date__gte=today - timedelta(days=1))
