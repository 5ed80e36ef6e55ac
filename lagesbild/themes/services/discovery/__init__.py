"""Theme discovery: runs of the engine, the person's verdict on its suggestions, and follow-ups."""

from lagesbild.themes.services.discovery.campaigns import (
    CAMPAIGN_MIN,
    CampaignCount,
    campaign_count,
)
from lagesbild.themes.services.discovery.followups import (
    engine_sample_code,
    run_assign_new,
    source_similar,
)
from lagesbild.themes.services.discovery.runs import (
    BACKENDS,
    load_model,
    run_start,
    selection,
    theme_run_execute_now,
)
from lagesbild.themes.services.discovery.suggestions import (
    member_move,
    suggestion_confirm,
    suggestion_discard,
    suggestion_rename,
    suggestion_split,
    suggestions_merge,
    theme_codings_make,
)

__all__ = [
    "BACKENDS",
    "CAMPAIGN_MIN",
    "CampaignCount",
    "campaign_count",
    "engine_sample_code",
    "load_model",
    "member_move",
    "run_assign_new",
    "run_start",
    "selection",
    "source_similar",
    "suggestion_confirm",
    "suggestion_discard",
    "suggestion_rename",
    "suggestion_split",
    "suggestions_merge",
    "theme_codings_make",
    "theme_run_execute_now",
]
