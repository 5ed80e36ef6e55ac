"""Sections whose content another app computes: the decision basis's heat map and options
matrix, the joint report's method and material… Apps register a renderer in their
AppConfig.ready(); reports imports none of them. The Markdown is made like any section's, so
the page, e-mail, PDF, Word file and diff show it, and publishing freezes it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lagesbild.staff.models import Staff


@dataclass(frozen=True)
class Computed:
    key: str
    label: Any  # a lazy translation, shown when choosing the section in a template
    render: Callable[[Staff], str]


COMPUTED: dict[str, Computed] = {}


def computed_section(
    key: str, *, label: Any
) -> Callable[[Callable[[Staff], str]], Callable[[Staff], str]]:
    """Register a function (staff) -> house-style Markdown under `key`."""

    def register(render: Callable[[Staff], str]) -> Callable[[Staff], str]:
        COMPUTED[key] = Computed(key=key, label=label, render=render)
        return render

    return register


def computed_markdown(key: str, staff: Staff) -> str:
    found = COMPUTED.get(key)
    return found.render(staff).strip() if found else ""


def computed_choices() -> list[tuple[str, Any]]:
    return [(c.key, c.label) for c in COMPUTED.values()]
