"""The parsed structure of a house-style report, as plain dataclasses."""

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

# The house style stamps Swedish local time; callers may pass another zone.
STOCKHOLM = ZoneInfo("Europe/Stockholm")

# The same values as reports.models.SectionKind, kept here so this package needs no models.
TEXT, ACTIONS, LINKS, SPOKESPERSONS, STANDING = (
    "text",
    "actions",
    "links",
    "spokespersons",
    "standing",
)
KINDS = (TEXT, ACTIONS, LINKS, SPOKESPERSONS, STANDING)


@dataclass
class ParsedAction:
    """ "- 3/3: [Title](url)": a dated communication action; the year is inferred."""

    day: date
    title: str
    url: str = ""


@dataclass
class ParsedLink:
    title: str
    url: str


@dataclass
class ParsedSpokesperson:
    name: str
    title: str = ""


Item = ParsedAction | ParsedLink | ParsedSpokesperson


@dataclass
class ParsedSection:
    """One section; `body` is Markdown as written, `items` the structured list (if any)."""

    heading: str
    level: int
    kind: str
    body: str = ""
    items: list[Item] = field(default_factory=list)
    # Where the section starts in the file, for error messages; not part of the structure.
    line: int = field(default=0, compare=False)


@dataclass
class ParsedReport:
    title: str
    compiled_at: datetime
    sections: list[ParsedSection] = field(default_factory=list)
    title_line: int = field(default=1, compare=False)


class HouseStyleError(ValueError):
    """Input that is not a house-style report; the message is Swedish and names the line."""

    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return _("Rad %(line)s: %(message)s") % {"line": self.line, "message": self.message}
