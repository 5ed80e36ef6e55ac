"""The house style of situation reports: a pure parser and serializer (no database).

`parse_house_style(text)` reads a report written in the house style into plain dataclasses;
`serialize_house_style(parsed)` writes them back in the same style that
`reports.rendering` exports, so import → export → import gives the same structure.
"""

from lagesbild.reports.house_style.parse import parse_house_style
from lagesbild.reports.house_style.serialize import serialize_house_style
from lagesbild.reports.house_style.structure import (
    ACTIONS,
    KINDS,
    LINKS,
    SPOKESPERSONS,
    STANDING,
    STOCKHOLM,
    TEXT,
    HouseStyleError,
    ParsedAction,
    ParsedLink,
    ParsedReport,
    ParsedSection,
    ParsedSpokesperson,
)

__all__ = [
    "ACTIONS",
    "KINDS",
    "LINKS",
    "SPOKESPERSONS",
    "STANDING",
    "STOCKHOLM",
    "TEXT",
    "HouseStyleError",
    "ParsedAction",
    "ParsedLink",
    "ParsedReport",
    "ParsedSection",
    "ParsedSpokesperson",
    "parse_house_style",
    "serialize_house_style",
]
