"""The structured list items of the house style: actions, links and spokespersons.

Each reader returns None when an item is not of its form, so a list that does not fit
stays free text; only an item that clearly is an action with an impossible date is an error.
"""

import re
from datetime import date

from markdown_it import MarkdownIt

from lagesbild.reports.house_style.dates import action_date
from lagesbild.reports.house_style.structure import (
    ParsedAction,
    ParsedLink,
    ParsedSpokesperson,
)

_MD = MarkdownIt("commonmark")
# Keep link destinations as written (markdown-it would percent-encode å, ä, ö and spaces).
_MD.normalizeLink = lambda url: url  # type: ignore[method-assign]

# "3/3: …", "3/3 – …" or "3/3 [link](…)"; a bare hyphen needs spaces so that
# "3/3-4/3: …" is not read as a date.
ACTION = re.compile(
    r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?::|\s+[–—-]|(?=\s+\[))\s*(?P<rest>\S.*)", re.S
)
MAX_TITLE = 300
MAX_URL = 500
MAX_NAME = 200


def link_markdown(title: str, url: str) -> str:
    """[title](url) as reports.rendering writes it: brackets escaped, <url> when it has spaces."""
    title = title.replace("[", "\\[").replace("]", "\\]")
    return f"[{title}](<{url}>)" if " " in url else f"[{title}]({url})"


def _has_link(text: str) -> bool:
    return any(t.type == "link_open" for t in _MD.parseInline(text)[0].children or [])


def link_only(text: str) -> ParsedLink | None:
    """An item that is exactly one link, "[title](url)"."""
    if not text.startswith("["):
        return None
    children = [t for t in _MD.parseInline(text)[0].children or [] if t.content or t.nesting]
    if not children or children[0].type != "link_open" or children[-1].type != "link_close":
        return None
    if sum(1 for t in children if t.type == "link_open") != 1:
        return None
    url = str(children[0].attrs.get("href", ""))
    if "title" in children[0].attrs or "](" not in text:
        return None
    title = text[1 : text.rindex("](")].replace("\\[", "[").replace("\\]", "]").strip()
    if not title or not url or len(title) > MAX_TITLE or len(url) > MAX_URL:
        return None
    return ParsedLink(title=title, url=url)


def action(text: str, *, compiled: date, line: int) -> ParsedAction | None:
    """ "3/3: [title](url)", "3/3: title" or "3/3 – title"; the year comes from `compiled`."""
    match = ACTION.fullmatch(text)
    if match is None:
        return None
    rest = match.group("rest").strip()
    link = link_only(rest)
    if link is not None:
        title, url = link.title, link.url
    elif _has_link(rest) or len(rest) > MAX_TITLE:
        return None
    else:
        title, url = rest, ""
    day = action_date(int(match.group("d")), int(match.group("m")), compiled=compiled, line=line)
    return ParsedAction(day=day, title=title, url=url)


def spokesperson(text: str) -> ParsedSpokesperson | None:
    """ "Name, title"; the title may itself contain commas."""
    if not text or _has_link(text):
        return None
    name, _sep, title = text.partition(",")
    name, title = name.strip(), title.strip()
    if not name or len(name) > MAX_NAME or len(title) > MAX_NAME:
        return None
    return ParsedSpokesperson(name=name, title=title)


def item_markdown(item: ParsedAction | ParsedLink | ParsedSpokesperson) -> str:
    if isinstance(item, ParsedAction):
        what = link_markdown(item.title, item.url) if item.url else item.title
        return f"- {item.day.day}/{item.day.month}: {what}"
    if isinstance(item, ParsedLink):
        return f"- {link_markdown(item.title, item.url)}"
    return f"- {item.name}, {item.title}" if item.title else f"- {item.name}"
