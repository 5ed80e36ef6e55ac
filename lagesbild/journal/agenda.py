"""What a staff meeting's agenda is made of. Other apps add their part (new decisions, risks,
records requests near their deadline) by registering a contributor in their AppConfig.ready(),
so the journal never imports them."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from lagesbild.staff.models import Staff


@dataclass
class AgendaItem:
    text: str
    url: str = ""
    flag: str = ""  # a short warning such as "försenad", shown as a badge


@dataclass
class AgendaSection:
    title: str
    items: list[AgendaItem] = field(default_factory=list)


Contributor = Callable[[Staff, datetime, datetime], list[AgendaSection]]
CONTRIBUTORS: list[Contributor] = []


def agenda_contributor(function: Contributor) -> Contributor:
    """Register a function (staff, since, until) -> sections for every meeting's agenda."""
    if function not in CONTRIBUTORS:
        CONTRIBUTORS.append(function)
    return function
