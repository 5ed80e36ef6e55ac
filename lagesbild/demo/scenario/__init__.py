"""The demo scenario: a staff coordinating a paused health-record rollout, written in Swedish.

Each domain owns one module here with a `load(ctx)` function; they run in the order below and
share `ctx`, a dict holding what earlier parts created (the staff, users, series...).
"""

import importlib
from typing import Any

from django.db import transaction

PARTS = [
    "people",
    "reports",
    "distribution",
    "experiences",
    "themes",
    "decisions",
    "decision_basis",
    "lessons",
    "access",
    "records",
    "press",
    "journal",
    "search",
]


@transaction.atomic
def load_scenario() -> dict[str, Any]:
    ctx: dict[str, Any] = {}
    for part in PARTS:
        try:
            module = importlib.import_module(f"lagesbild.demo.scenario.{part}")
        except ModuleNotFoundError as exc:
            if exc.name != f"lagesbild.demo.scenario.{part}":
                raise
            continue
        module.load(ctx)
    return ctx
