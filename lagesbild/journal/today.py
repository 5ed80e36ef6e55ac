"""The staff's start page is made of panels that each app contributes in its AppConfig.ready():
my tasks, sections to write, reports to approve, requests near their deadline… The journal
holds the page, so it imports none of them."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class TodayItem:
    text: str
    url: str = ""
    flag: str = ""  # a short warning, shown as a badge: "försenad", "i dag"
    note: str = ""  # a second line: the staff, the deadline…


@dataclass
class TodayPanel:
    title: str
    items: list[TodayItem] = field(default_factory=list)
    # Lower comes first: what must be done today before what is good to know.
    order: int = 50
    link: str = ""
    link_text: str = ""


Contributor = Callable[[Any, date], list[TodayPanel]]
CONTRIBUTORS: list[Contributor] = []


def today_contributor(function: Contributor) -> Contributor:
    """Register a function (user, today) -> panels for the start page."""
    if function not in CONTRIBUTORS:
        CONTRIBUTORS.append(function)
    return function


def panels_for(user: Any, today: date) -> list[TodayPanel]:
    panels = [p for contribute in CONTRIBUTORS for p in contribute(user, today) if p.items]
    return sorted(panels, key=lambda p: p.order)
