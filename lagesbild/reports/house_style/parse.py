"""Reading a house-style report: markdown-it's block tokens give structure and line numbers.

1. Decode (UTF-8, BOM allowed) and split into lines.
2. Find the title (first non-empty h1) and the "Sammanställd:" stamp (first top-level
   paragraph that starts with it).
3. Give every remaining line to a region: the preamble before the first heading, then one
   region per heading. A region's body is its lines as written, so nothing is dropped.
4. Split trailing italic paragraphs off the end of the document as the standing footer.
5. Classify each headed region: spokespersons, actions, links or free text.
"""

import re
import textwrap
from dataclasses import dataclass, field
from datetime import date, tzinfo

from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from markdown_it.token import Token

from lagesbild.reports.house_style import items as item_parsers
from lagesbild.reports.house_style.dates import STAMP_LINE, compiled_at_parse
from lagesbild.reports.house_style.structure import (
    ACTIONS,
    LINKS,
    SPOKESPERSONS,
    STANDING,
    STOCKHOLM,
    TEXT,
    HouseStyleError,
    Item,
    ParsedReport,
    ParsedSection,
)

_MD = MarkdownIt("commonmark")
SPOKESPERSON_HEADINGS = ("talesperson", "talesman", "talesmän")
MAX_TITLE = 300


@dataclass
class Block:
    """One top-level block: its first and past-the-end line, and its tokens."""

    start: int
    end: int
    tokens: list[Token]

    @property
    def kind(self) -> str:
        return self.tokens[0].type

    @property
    def heading(self) -> tuple[int, str] | None:
        if self.kind != "heading_open":
            return None
        text = " ".join(self.tokens[1].content.split("\n")).strip()
        return (int(self.tokens[0].tag[1]), text) if text else None


@dataclass
class Region:
    heading: str
    level: int
    line: int
    lines: list[int] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


def _decode(text: str | bytes) -> str:
    if isinstance(text, bytes):
        raw = text.removeprefix(b"\xef\xbb\xbf")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise HouseStyleError(
                line,
                _(
                    "Filen är inte UTF-8 (tecknet på den här raden går inte att läsa). "
                    "Spara filen som UTF-8 och försök igen."
                ),
            ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _blocks(tokens: list[Token]) -> list[Block]:
    out: list[Block] = []
    current: list[Token] = []
    for token in tokens:
        if token.level == 0 and token.nesting == 1 or token.level == 0 and token.nesting == 0:
            assert token.map is not None
            out.append(Block(token.map[0], token.map[1], current := [token]))
        else:
            current.append(token)
    return out


def _is_italic_paragraph(block: Block) -> bool:
    """A paragraph that is one emphasis from start to end, like the report's footer."""
    if block.kind != "paragraph_open":
        return False
    children = [t for t in block.tokens[1].children or [] if t.type != "text" or t.content]
    if len(children) < 2 or children[0].type != "em_open" or children[-1].type != "em_close":
        return False
    depth = 0
    for i, child in enumerate(children):
        depth += 1 if child.type == "em_open" else -1 if child.type == "em_close" else 0
        if depth == 0 and i < len(children) - 1:
            return False
    return True


def _list_items(blocks: list[Block]) -> list[tuple[int, str]] | None:
    """(line, text) of each item when the blocks are only flat bullet lists, else None."""
    items: list[tuple[int, str]] = []
    for block in blocks:
        if block.kind != "bullet_list_open":
            return None
        tokens = block.tokens[1:-1]
        for i in range(0, len(tokens), 5):
            group = [t.type for t in tokens[i : i + 5]]
            if group != [
                "list_item_open",
                "paragraph_open",
                "inline",
                "paragraph_close",
                "list_item_close",
            ]:
                return None
            map_ = tokens[i].map or [block.start, block.end]
            items.append((map_[0] + 1, " ".join(tokens[i + 2].content.split("\n")).strip()))
    return items or None


def _classify(region: Region, compiled: date) -> tuple[str, list[Item]]:
    items = _list_items(region.blocks)
    if items is None:
        return TEXT, []
    # "Talesperson", "Talespersoner för staben", "Talesman:" …
    if region.heading.casefold().startswith(SPOKESPERSON_HEADINGS):
        people = [item_parsers.spokesperson(text) for _line, text in items]
        if all(people):
            return SPOKESPERSONS, [p for p in people if p]
    actions = [item_parsers.action(text, compiled=compiled, line=line) for line, text in items]
    if all(actions):
        return ACTIONS, [a for a in actions if a]
    links = [item_parsers.link_only(text) for _line, text in items]
    if all(links):
        return LINKS, [link for link in links if link]
    return TEXT, []


def _body(lines: list[str], indexes: list[int]) -> str:
    # Dedent so the exported body (which rendering strips) reads back the same.
    return textwrap.dedent("\n".join(lines[i] for i in indexes)).strip()


def _title(blocks: list[Block]) -> Block:
    for block in blocks:
        heading = block.heading
        if heading and heading[0] == 1:
            if len(heading[1]) > MAX_TITLE:
                raise HouseStyleError(
                    block.start + 1,
                    _("Titeln är för lång (högst %(max)s tecken).") % {"max": MAX_TITLE},
                )
            return block
    raise HouseStyleError(
        1,
        _(
            "Rapporten saknar titel. Den ska stå först i filen som en rubrik på nivå 1, "
            "till exempel ”# Lägesrapport Exempelstaben”."
        ),
    )


def _stamp(blocks: list[Block], lines: list[str], title: Block) -> tuple[Block, re.Match[str]]:
    for block in blocks:
        if block.kind == "paragraph_open":
            match = STAMP_LINE.match(lines[block.start])
            if match:
                return block, match
    raise HouseStyleError(
        title.end + 1,
        _(
            "Raden ”Sammanställd: ÅÅÅÅ-MM-DD klockan TT.MM” saknas. Den behövs för rapportens "
            "tidpunkt och för årtalet i de kommunikativa åtgärderna; skriv den under titeln."
        ),
    )


def parse_house_style(text: str | bytes, *, tz: tzinfo = STOCKHOLM) -> ParsedReport:
    """Parse a house-style report; raise HouseStyleError naming the line when it cannot."""
    source = _decode(text)
    if not source.strip():
        raise HouseStyleError(1, _("Filen är tom."))
    lines = source.split("\n")
    blocks = _blocks(_MD.parse(source))
    title = _title(blocks)
    stamp, match = _stamp(blocks, lines, title)
    compiled_at = compiled_at_parse(match.group("rest"), line=stamp.start + 1, tz=tz)

    skipped = set(range(title.start, title.end)) | {stamp.start}
    regions = [Region(heading="", level=2, line=1)]
    heads = {b.start: b for b in blocks if b is not title and b.heading}
    for i in range(len(lines)):
        head = heads.get(i)
        if head is not None and head.heading:
            level, heading = head.heading
            if len(heading) > MAX_TITLE:
                raise HouseStyleError(
                    i + 1, _("Rubriken är för lång (högst %(max)s tecken).") % {"max": MAX_TITLE}
                )
            regions.append(Region(heading=heading, level=level, line=i + 1))
            skipped |= set(range(head.start, head.end))
        if i not in skipped:
            regions[-1].lines.append(i)
    by_line = {i: r for r in regions for i in r.lines}
    for block in blocks:
        # A stamp paragraph with more lines stays as text; only its first line is consumed.
        if block is stamp and block.end - block.start == 1:
            continue
        owner = by_line.get(block.start + 1 if block is stamp else block.start)
        if owner is not None:
            owner.blocks.append(block)

    footer = _footer(regions, lines)
    sections = []
    for index, region in enumerate(regions):
        if index == 0:
            body = _body(lines, region.lines)
            if body:
                sections.append(ParsedSection("", 2, TEXT, body, line=region.line))
            continue
        items: list[Item] = []
        if region is footer.whole:
            kind = STANDING
        else:
            kind, items = _classify(region, compiled_at.date())
        body = _body(lines, region.lines) if kind in (TEXT, STANDING) else ""
        sections.append(ParsedSection(region.heading, region.level, kind, body, items, region.line))
    if footer.lines:
        sections.append(
            ParsedSection("", 2, STANDING, _body(lines, footer.lines), line=footer.lines[0] + 1)
        )
    return ParsedReport(
        title=title.heading[1] if title.heading else "",
        compiled_at=compiled_at,
        sections=sections,
        title_line=title.start + 1,
    )


@dataclass
class Footer:
    whole: Region | None = None  # a last headed section that is nothing but italic text
    lines: list[int] = field(default_factory=list)  # or lines split off as a heading-less one


def _footer(regions: list[Region], lines: list[str]) -> Footer:
    last = regions[-1]
    trailing = 0
    for block in reversed(last.blocks):
        if not _is_italic_paragraph(block):
            break
        trailing += 1
    if not trailing:
        return Footer()
    if trailing == len(last.blocks) and last is not regions[0]:
        return Footer(whole=last)
    start = last.blocks[-trailing].start
    footer_lines = [i for i in last.lines if i >= start]
    last.lines = [i for i in last.lines if i < start]
    last.blocks = last.blocks[:-trailing]
    return Footer(lines=footer_lines)
