"""What changed between two reports, section by section, in a form a reader can follow.

The comparison works on the house-style Markdown every output shares (see rendering.py), made
readable first: list markers become indentation, links and emphasis become their text. A URL
change alone is therefore not shown; readers compare what they read, not the markup.
"""

import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

from lagesbild.reports.models import SectionKind
from lagesbild.reports.rendering import RenderedReport, RenderedSection

LineOp = Literal["equal", "insert", "delete", "replace"]
SectionStatus = Literal["unchanged", "changed", "added", "removed"]

# Lines less alike than this are shown as one removed and one added line, not a word soup.
WORD_DIFF_MIN_RATIO = 0.4

_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d+[.)])\s+(?P<text>.*)$")
_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<text>.*?)\s*#*\s*$")
_LINK = re.compile(r"\[((?:\\.|[^\]])*)\]\((?:<[^>]*>|[^)\s]*)(?:\s+\"[^\"]*\")?\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Line:
    """One readable line: its text, its depth in a bullet list (0 = not a bullet)."""

    text: str
    depth: int = 0
    is_heading: bool = False


@dataclass(frozen=True)
class Chunk:
    op: Literal["equal", "insert", "delete"]
    text: str


@dataclass
class LineDiff:
    op: LineOp
    line: Line
    chunks: list[Chunk] = field(default_factory=list)


@dataclass
class SectionDiff:
    heading: str
    kind: str
    status: SectionStatus
    lines: list[LineDiff]


def readable_lines(markdown: str) -> list[Line]:
    """Markdown to readable lines: bullets keep their depth, links and emphasis their text."""
    out: list[Line] = []
    for raw in markdown.splitlines():
        if not raw.strip():
            continue
        depth, is_heading, text = 0, False, raw.strip()
        if match := _BULLET.match(raw):
            indent = len(match["indent"].replace("\t", "    "))
            depth = 1 + indent // 2
            text = match["text"]
        elif match := _HEADING.match(raw):
            is_heading, text = True, match["text"]
        text = _LINK.sub(lambda m: m.group(1).replace("\\[", "[").replace("\\]", "]"), text)
        text = _EMPHASIS.sub(r"\2", text)
        out.append(Line(text=text.strip(), depth=depth, is_heading=is_heading))
    return out


def words_diff(old: str, new: str) -> list[Chunk]:
    """Word-level differences within one changed line; whitespace stays with the words.

    1. Compare the lines as sequences of words and whitespace.
    2. Join changes separated only by whitespace into one change, so "a b" → "c d" reads as
       one removed phrase and one added phrase rather than alternating single words.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    chunks: list[Chunk] = []
    deleted, inserted, gap = "", "", ""

    def flush() -> None:
        nonlocal deleted, inserted
        if deleted:
            chunks.append(Chunk("delete", deleted))
        if inserted:
            chunks.append(Chunk("insert", inserted))
        deleted = inserted = ""

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            text = "".join(a[i1:i2])
            if (deleted or inserted) and not text.strip():
                gap += text  # whitespace between two changes: hold it back, it may join them
                continue
            flush()
            chunks.append(Chunk("equal", gap + text))
            gap = ""
            continue
        if gap:
            deleted += gap if deleted else ""
            inserted += gap if inserted else ""
            gap = ""
        deleted += "".join(a[i1:i2])
        inserted += "".join(b[j1:j2])
    flush()
    if gap:
        chunks.append(Chunk("equal", gap))
    return chunks


def _similarity(old: str, new: str) -> float:
    return difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()


def lines_diff(old: list[Line], new: list[Line]) -> list[LineDiff]:
    """Line-level differences; replaced lines that are alike get word-level differences."""
    out: list[LineDiff] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(LineDiff("equal", line) for line in new[j1:j2])
        elif op == "delete":
            out.extend(LineDiff("delete", line) for line in old[i1:i2])
        elif op == "insert":
            out.extend(LineDiff("insert", line) for line in new[j1:j2])
        else:
            olds, news = old[i1:i2], new[j1:j2]
            for k in range(max(len(olds), len(news))):
                before = olds[k] if k < len(olds) else None
                after = news[k] if k < len(news) else None
                if before is None and after is not None:
                    out.append(LineDiff("insert", after))
                elif after is None and before is not None:
                    out.append(LineDiff("delete", before))
                elif before is not None and after is not None:
                    if _similarity(before.text, after.text) >= WORD_DIFF_MIN_RATIO:
                        out.append(LineDiff("replace", after, words_diff(before.text, after.text)))
                    else:
                        out.append(LineDiff("delete", before))
                        out.append(LineDiff("insert", after))
    return out


def _key(heading: str) -> str:
    return " ".join(heading.lower().split())


def _same_place(old: RenderedSection, new: RenderedSection) -> bool:
    if old.kind != new.kind:
        return False
    return old.kind != SectionKind.TEXT or not (old.heading and new.heading)


def sections_match(
    old: list[RenderedSection], new: list[RenderedSection]
) -> list[tuple[int | None, int | None]]:
    """Pair sections of two reports.

    1. Sections with the same heading (ignoring case and spacing) pair up, first with first.
    2. Left-over sections pair with left-over sections of the same kind, in order, unless
       both are free text with headings: a text section under a new heading is new.
    3. What is still left is a new (old index None) or removed (new index None) section.
    The result follows the new report's order; a removed section comes after the section that
    preceded it in the old report.
    """
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for j, section in enumerate(new):
        if not section.heading:
            continue
        for i, candidate in enumerate(old):
            if (
                i not in taken
                and candidate.heading
                and _key(candidate.heading) == _key(section.heading)
            ):
                pairs[j] = i
                taken.add(i)
                break
    for j, section in enumerate(new):
        if j in pairs:
            continue
        for i, candidate in enumerate(old):
            if i not in taken and _same_place(candidate, section):
                pairs[j] = i
                taken.add(i)
                break
    result: list[tuple[int | None, int | None]] = [(pairs.get(j), j) for j in range(len(new))]
    for i in range(len(old)):
        if i in taken:
            continue
        # Place the removed section after the entry holding the old section just before it.
        at = 0
        for pos, (oi, _nj) in enumerate(result):
            if oi is not None and oi < i:
                at = pos + 1
        result.insert(at, (i, None))
    return result


def report_diff(old: RenderedReport | None, new: RenderedReport) -> list[SectionDiff]:
    """Each section of `new` compared with `old`; with no old report every section is new."""
    old_sections = old.sections if old is not None else []
    out: list[SectionDiff] = []
    for i, j in sections_match(old_sections, new.sections):
        before = old_sections[i] if i is not None else None
        after = new.sections[j] if j is not None else None
        if after is None and before is not None:
            lines = [LineDiff("delete", line) for line in readable_lines(before.markdown)]
            out.append(SectionDiff(before.heading, before.kind, "removed", lines))
        elif before is None and after is not None:
            lines = [LineDiff("insert", line) for line in readable_lines(after.markdown)]
            out.append(SectionDiff(after.heading, after.kind, "added", lines))
        elif before is not None and after is not None:
            lines = lines_diff(readable_lines(before.markdown), readable_lines(after.markdown))
            changed = any(d.op != "equal" for d in lines) or before.heading != after.heading
            out.append(
                SectionDiff(after.heading, after.kind, "changed" if changed else "unchanged", lines)
            )
    return out
