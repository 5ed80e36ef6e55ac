"""Last: the demo's data was written straight into the tables, so build the search index once."""

from typing import Any

from lagesbild.search.services import search_reindex


def load(ctx: dict[str, Any]) -> None:
    ctx["search_counts"] = search_reindex()
