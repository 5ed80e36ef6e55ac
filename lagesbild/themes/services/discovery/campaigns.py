"""Near-duplicates and campaigns: one text sent in by many counts as a campaign, not many voices."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from lagesbild.experiences.models import Source

# A text sent in identically by at least this many counts as a campaign, not as many voices.
CAMPAIGN_MIN = 3


@dataclass(frozen=True)
class CampaignCount:
    total: int
    in_campaigns: int
    campaigns: int


def campaign_count(source_ids: QuerySet[Any] | list[int]) -> CampaignCount:
    """How many of these sources are copies of one text sent by many (a campaign or template)."""
    # One grouped pass: the group sizes add up to the total, the big groups are the campaigns.
    groups = (
        Source.objects.filter(pk__in=source_ids)
        .values("text_hash")
        .annotate(n=Count("id"))
        .values_list("text_hash", "n")
    )
    total = in_campaigns = campaigns = 0
    for text_hash, n in groups:
        total += n
        if text_hash and n >= CAMPAIGN_MIN:
            in_campaigns += n
            campaigns += 1
    return CampaignCount(total=total, in_campaigns=in_campaigns, campaigns=campaigns)
