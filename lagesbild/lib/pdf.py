"""Reports as PDF through Typst, from the same rendering as the web page and the e-mail.

Section Markdown is walked as markdown-it-py's token stream and turned into Typst code in
which every piece of user text is a string literal, so `#`, `$`, `*`, `@`, `<`, `\\` and the
rest can never act as Typst markup.
"""

import re
import tempfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol

import typst
from markdown_it import MarkdownIt
from markdown_it.token import Token


class PdfSection(Protocol):
    @property
    def heading(self) -> str: ...

    @property
    def level(self) -> int: ...

    @property
    def markdown(self) -> str: ...


class PdfReport(Protocol):
    """What a PDF needs of a report; reports.rendering.RenderedReport provides it.

    A protocol rather than an import: lib/ imports no app (see the import-linter contracts).
    Read-only members, so frozen dataclasses satisfy it.
    """

    @property
    def title(self) -> str: ...

    @property
    def number(self) -> int: ...

    @property
    def version(self) -> int: ...

    @property
    def is_extra(self) -> bool: ...

    @property
    def compiled_at(self) -> datetime: ...

    @property
    def correction_reason(self) -> str: ...

    @property
    def sections(self) -> Sequence[PdfSection]: ...

    @property
    def compiled_at_line(self) -> str: ...

    @property
    def footnote_lines(self) -> Mapping[int, str]: ...

    @property
    def table_of_contents(self) -> bool: ...


TEMPLATE = Path(__file__).with_name("report.typ")
FONT_DIRS = [p for p in [Path("/usr/share/fonts/truetype/dejavu")] if p.is_dir()]
_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
SAFE_SCHEMES = ("http://", "https://", "mailto:")
# A Markdown footnote reference, as reports' rendering writes a citation: "[^3]".
FOOTNOTE_REF = re.compile(r"\[\^(\d+)\]")


class Footnotes:
    """A document's footnote texts by number; a number cited again refers to the same note."""

    def __init__(self, lines: Mapping[int, str]) -> None:
        self.lines = dict(lines)
        self.placed: set[int] = set()

    def __bool__(self) -> bool:
        return bool(self.lines)

    def typst(self, number: int) -> str | None:
        note = self.lines.get(number)
        if note is None:
            return None
        if number in self.placed:
            return f"footnote(<fotnot-{number}>)"
        self.placed.add(number)
        return f"[#footnote([#{typst_string(note)};])<fotnot-{number}>]"


def _text(content: str, footnotes: Footnotes | None) -> list[str]:
    """A text run as Typst parts; footnote references become Typst footnotes."""
    if not footnotes or "[^" not in content:
        return [f"[#{typst_string(content)};]"]
    parts: list[str] = []
    position = 0
    for match in FOOTNOTE_REF.finditer(content):
        note = footnotes.typst(int(match.group(1)))
        if note is None:
            continue
        if match.start() > position:
            parts.append(f"[#{typst_string(content[position : match.start()])};]")
        parts.append(note)
        position = match.end()
    if position < len(content):
        parts.append(f"[#{typst_string(content[position:])};]")
    return parts


def typst_string(text: str) -> str:
    """A Typst string literal: only the backslash, the quote and line ends need escaping."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return f'"{escaped}"'


def _inline(children: list[Token], footnotes: Footnotes | None = None) -> str:
    """Inline tokens as a Typst content expression: a sum of texts, strong, emph, links."""
    stack: list[tuple[str, list[str]]] = [("", [])]
    for tok in children:
        parts = stack[-1][1]
        if tok.type == "text":
            parts.extend(_text(tok.content, footnotes))
        elif tok.type == "code_inline":
            parts.append(f"raw({typst_string(tok.content)})")
        elif tok.type == "softbreak":
            parts.append("[ ]")
        elif tok.type == "hardbreak":
            parts.append("linebreak()")
        elif tok.type == "image":
            parts.append(_inline(tok.children or [], footnotes))
        elif tok.type in ("strong_open", "em_open"):
            stack.append((tok.type, []))
        elif tok.type == "link_open":
            href = str(tok.attrs.get("href", ""))
            stack.append(("link:" + href, []))
        elif tok.type in ("strong_close", "em_close", "link_close"):
            kind, inner = stack.pop()
            body = _join(inner)
            if kind == "strong_open":
                wrapped = f"strong({body})"
            elif kind == "em_open":
                wrapped = f"emph({body})"
            elif kind[5:].startswith(SAFE_SCHEMES):
                wrapped = f"link({typst_string(kind[5:])}, {body})"
            else:
                wrapped = body
            stack[-1][1].append(wrapped)
    while len(stack) > 1:  # unbalanced input: keep the text
        _kind, inner = stack.pop()
        stack[-1][1].extend(inner)
    return _join(stack[0][1])


def _join(parts: list[str]) -> str:
    return "(" + " + ".join(parts) + ")" if parts else "[]"


def _blocks(
    tokens: list[Token], start: int, stop_type: str | None, footnotes: Footnotes | None = None
) -> tuple[list[str], int]:
    """Block tokens from `start` up to the closing `stop_type`, as Typst code expressions."""
    out: list[str] = []
    i = start
    while i < len(tokens):
        tok = tokens[i]
        if stop_type and tok.type == stop_type:
            return out, i + 1
        if tok.type == "paragraph_open":
            out.append(f"par({_inline(tokens[i + 1].children or [], footnotes)})")
            i += 3
        elif tok.type == "heading_open":
            level = min(int(tok.tag[1:]) + 1, 6)
            out.append(
                f"heading(level: {level}, {_inline(tokens[i + 1].children or [], footnotes)})"
            )
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            close = tok.type.replace("_open", "_close")
            items: list[str] = []
            i += 1
            while tokens[i].type != close:
                inner, i = _blocks(tokens, i + 1, "list_item_close", footnotes)
                items.append("[" + "".join(f"#{e};" for e in inner) + "]")
            i += 1
            if tok.type == "bullet_list_open":
                out.append(f"list(tight: true, {', '.join(items)})")
            else:
                first = int(str(tok.attrs.get("start", 1)))
                out.append(f"enum(tight: true, start: {first}, {', '.join(items)})")
        elif tok.type == "blockquote_open":
            inner, i = _blocks(tokens, i + 1, "blockquote_close", footnotes)
            out.append("quote(block: true, [" + "".join(f"#{e};" for e in inner) + "])")
        elif tok.type in ("fence", "code_block"):
            out.append(f"raw({typst_string(tok.content)}, block: true)")
            i += 1
        elif tok.type == "hr":
            out.append("line(length: 100%, stroke: 0.5pt)")
            i += 1
        elif tok.type == "inline":  # tight list items carry inline tokens without paragraphs
            out.append(_inline(tok.children or [], footnotes))
            i += 1
        else:
            i += 1
    return out, i


def markdown_blocks(markdown: str, footnotes: Footnotes | None = None) -> list[str]:
    """Markdown as a list of Typst code expressions, one per block."""
    tokens = _parser.parse(markdown or "")
    # Tight lists hide their paragraphs; show them as plain inline content.
    for tok in tokens:
        if tok.type in ("paragraph_open", "paragraph_close") and tok.hidden:
            tok.type = "hidden_" + tok.type
    fixed: list[Token] = []
    for tok in tokens:
        if tok.type.startswith("hidden_"):
            continue
        fixed.append(tok)
    blocks, _ = _blocks(fixed, 0, None, footnotes)
    return blocks


def markdown_to_typst(markdown: str) -> str:
    """Markdown as Typst markup made only of code expressions (one per block)."""
    return "\n".join(f"#{b};" for b in markdown_blocks(markdown))


def report_typst_body(rendered: PdfReport) -> str:
    """The sections as Typst; the closing lines are kept on one page with what precedes them.

    The report ends with short headingless sections (the "Om …" line and the italic footer).
    Alone on a last page they look like a mistake, so they go into one unbreakable block
    together with the last block before them: Typst then moves that block to the next page
    whole, never the footer alone.
    """
    blocks: list[str] = []
    tail_from: int | None = None
    notes = Footnotes(rendered.footnote_lines)
    for section in rendered.sections:
        starts_tail = not section.heading and bool(section.markdown)
        if starts_tail and tail_from is None:
            tail_from = max(len(blocks) - 1, 0)
        elif section.heading:
            tail_from = None
        if section.heading:
            level = min(max(section.level, 2), 6)
            blocks.append(f"heading(level: {level}, {typst_string(section.heading)})")
        blocks.extend(markdown_blocks(section.markdown, notes))
    if tail_from is not None and blocks:
        kept = "".join(f"#{b};" for b in blocks[tail_from:])
        blocks[tail_from:] = [f"block(breakable: false, width: 100%)[{kept}]"]
    return "\n\n".join(f"#{b};" for b in blocks) + "\n"


def render_report_pdf(rendered: PdfReport) -> bytes:
    """The report as a PDF (A4, no hyphenation, page numbers, identity in the footer)."""
    identity = f"{rendered.title} · nr {rendered.number}"
    if rendered.version > 1:
        identity += f", version {rendered.version}"
    if rendered.is_extra:
        identity += " · extra rapport"
    return render_document_pdf(
        title=rendered.title + (" – extra rapport" if rendered.is_extra else ""),
        subtitle=rendered.compiled_at_line,
        identity=identity,
        body=report_typst_body(rendered),
        timestamp=int(rendered.compiled_at.timestamp()),
        correction=(
            f"Version {rendered.version} ersätter tidigare version. Skäl: {rendered.correction_reason}"
            if rendered.version > 1 and rendered.correction_reason
            else ""
        ),
        table_of_contents=rendered.table_of_contents,
    )


def render_markdown_pdf(
    *, title: str, subtitle: str, identity: str, markdown: str, timestamp: int
) -> bytes:
    """Any other document (a written decision, a letter) in the report's house style."""
    return render_document_pdf(
        title=title,
        subtitle=subtitle,
        identity=identity,
        body=markdown_to_typst(markdown) + "\n",
        timestamp=timestamp,
    )


def render_document_pdf(
    *,
    title: str,
    subtitle: str,
    identity: str,
    body: str,
    timestamp: int,
    correction: str = "",
    table_of_contents: bool = False,
) -> bytes:
    """Compile report.typ with a generated Typst body; metadata goes in as plain strings."""
    inputs = {
        "title": title,
        "compiled": subtitle,
        "identity": identity,
        "correction": correction,
        "outline": "1" if table_of_contents else "",
    }
    with tempfile.TemporaryDirectory(prefix="lagesbild-pdf-") as tmp:
        root = Path(tmp)
        (root / "report.typ").write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
        (root / "body.typ").write_text(body, encoding="utf-8")
        pdf = typst.compile(
            str(root / "report.typ"),
            root=str(root),
            font_paths=[str(p) for p in FONT_DIRS],
            sys_inputs=inputs,
            timestamp=timestamp,
        )
    assert isinstance(pdf, bytes)
    return pdf
