"""Reports as Word documents (python-docx), from the same rendering as the PDF.

The structure follows the PDF: the title, the "Sammanställd" line, a correction box, then each
section's heading and its Markdown as Word paragraphs, lists, quotes and links, with the
report's identity and page numbers in the footer. The house style (dark blue headings, one
serif body face) is set on Word's own styles, so archivists can restyle the document.
"""

import io
from collections.abc import Mapping
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from markdown_it import MarkdownIt
from markdown_it.token import Token

from lagesbild.lib.pdf import FOOTNOTE_REF, PdfReport

HEADING_BLUE = RGBColor(0x08, 0x3B, 0x67)
GREY = RGBColor(0x4A, 0x55, 0x60)
LINK_BLUE = "0B4F8A"
BODY_FONT = "Georgia"
SAFE_SCHEMES = ("http://", "https://", "mailto:")
_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def _styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    # East-Asian and complex-script fonts default elsewhere; keep one face for å, ä, ö and all.
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
    footer = doc.styles["Footer"]
    footer.font.size = Pt(8.5)
    footer.font.color.rgb = GREY
    for level, size in ((1, 18), (2, 13.5), (3, 11.5), (4, 10.5)):
        style = doc.styles[f"Heading {level}"]
        style.font.name = BODY_FONT
        # Word's heading styles name theme fonts, which win over the face set above.
        fonts = style.element.rPr.rFonts
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = HEADING_BLUE
        style.paragraph_format.space_before = Pt(14 if level > 1 else 0)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    for section in doc.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.3)
        section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.4)


def _hyperlink(paragraph: Paragraph, url: str, text: str, bold: bool, italic: bool) -> None:
    part = paragraph.part
    r_id = part.relate_to(
        url,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    for tag, value in (("w:color", LINK_BLUE), ("w:u", "single")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), value)
        props.append(el)
    if bold:
        props.append(OxmlElement("w:b"))
    if italic:
        props.append(OxmlElement("w:i"))
    run.append(props)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _footnotes_part(doc: Any, notes: Mapping[int, str]) -> None:
    """Word's footnotes part: the two separators Word expects, then one note per number."""
    from xml.sax.saxutils import escape

    body = [
        f"<w:footnotes {nsdecls('w')}>",
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>",
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>",
    ]
    for number, text in sorted(notes.items()):
        body.append(
            f'<w:footnote w:id="{number}"><w:p><w:pPr><w:spacing w:after="40"/></w:pPr>'
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="17"/></w:rPr>'
            "<w:footnoteRef/></w:r>"
            f'<w:r><w:rPr><w:sz w:val="17"/></w:rPr><w:t xml:space="preserve"> {escape(text)}'
            "</w:t></w:r></w:p></w:footnote>"
        )
    body.append("</w:footnotes>")
    part = Part(
        PackURI("/word/footnotes.xml"),
        FOOTNOTES_TYPE,
        "".join(body).encode("utf-8"),
        doc.part.package,
    )
    doc.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def _footnote_reference(paragraph: Paragraph, number: int) -> None:
    run = paragraph.add_run()
    props = OxmlElement("w:rPr")
    align = OxmlElement("w:vertAlign")
    align.set(qn("w:val"), "superscript")
    props.append(align)
    run._r.append(props)
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), str(number))
    run._r.append(reference)


class Notes:
    """The footnote texts by number; Word numbers its notes in order, as rendering did."""

    def __init__(self, lines: Mapping[int, str]) -> None:
        self.lines = dict(lines)
        self.placed: set[int] = set()


def _text_runs(paragraph: Paragraph, text: str, notes: Notes | None) -> list[Any]:
    """Plain runs for the text, with real Word footnote references where it cites."""
    runs = []
    position = 0
    for match in FOOTNOTE_REF.finditer(text) if notes and notes.lines else ():
        number = int(match.group(1))
        if number not in notes.lines:  # type: ignore[union-attr]
            continue
        if match.start() > position:
            runs.append(paragraph.add_run(text[position : match.start()]))
        if number in notes.placed:  # type: ignore[union-attr]
            # A Word footnote has one reference; citing it again repeats its number.
            paragraph.add_run(str(number)).font.superscript = True
        else:
            notes.placed.add(number)  # type: ignore[union-attr]
            _footnote_reference(paragraph, number)
        position = match.end()
    if position < len(text) or not runs:
        runs.append(paragraph.add_run(text[position:]))
    return runs


def _inline(paragraph: Paragraph, children: list[Token], notes: Notes | None = None) -> None:
    bold = italic = False
    href = ""
    for tok in children:
        if tok.type == "strong_open":
            bold = True
        elif tok.type == "strong_close":
            bold = False
        elif tok.type == "em_open":
            italic = True
        elif tok.type == "em_close":
            italic = False
        elif tok.type == "link_open":
            href = str(tok.attrs.get("href", ""))
        elif tok.type == "link_close":
            href = ""
        elif tok.type in ("text", "code_inline"):
            if href.startswith(SAFE_SCHEMES):
                _hyperlink(paragraph, href, tok.content, bold, italic)
            else:
                for run in _text_runs(paragraph, tok.content, notes):
                    run.bold, run.italic = bold or None, italic or None
                    if tok.type == "code_inline":
                        run.font.name = "Consolas"
        elif tok.type == "softbreak":
            paragraph.add_run(" ")
        elif tok.type == "hardbreak":
            paragraph.add_run().add_break()


def _list_style(ordered: bool, depth: int) -> str:
    base = "List Number" if ordered else "List Bullet"
    return base if depth == 1 else f"{base} {min(depth, 3)}"


def _blocks(doc: Any, tokens: list[Token], heading_shift: int, notes: Notes | None = None) -> None:
    """Walk markdown-it's block tokens, keeping a stack of open lists for their depth."""
    lists: list[bool] = []  # True for an ordered list
    quote = 0
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(tok.type == "ordered_list_open")
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif tok.type == "blockquote_open":
            quote += 1
        elif tok.type == "blockquote_close":
            quote -= 1
        elif tok.type == "heading_open":
            level = min(int(tok.tag[1:]) + heading_shift, 4)
            _inline(doc.add_heading(level=level), tokens[i + 1].children or [], notes)
        elif tok.type == "inline" and tokens[i - 1].type == "paragraph_open":
            if lists:
                style = _list_style(lists[-1], len(lists))
                # A list item's second paragraph continues the item without a new marker.
                first = tokens[i - 2].type == "list_item_open"
                paragraph = doc.add_paragraph(style=style if first else None)
                if not first:
                    paragraph.paragraph_format.left_indent = Cm(0.63 * len(lists))
            else:
                paragraph = doc.add_paragraph(style="Quote" if quote else None)
            _inline(paragraph, tok.children or [], notes)
        elif tok.type in ("fence", "code_block"):
            run = doc.add_paragraph().add_run(tok.content.rstrip("\n"))
            run.font.name = "Consolas"
        elif tok.type == "hr":
            doc.add_paragraph("—" * 3).alignment = WD_ALIGN_PARAGRAPH.CENTER


def _page_field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""
    run = paragraph.add_run()
    for kind in ("begin", None, "end"):
        if kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = instruction
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def _footer(doc: Any, identity: str) -> None:
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.text = ""
    tab_stops = paragraph.paragraph_format.tab_stops
    tab_stops.add_tab_stop(Cm(16.4), alignment=2)  # right-aligned at the text edge
    paragraph.add_run(identity + "\tSida ")
    _page_field(paragraph, "PAGE")
    paragraph.add_run(" av ")
    _page_field(paragraph, "NUMPAGES")


def report_identity(rendered: PdfReport) -> str:
    identity = f"{rendered.title} · nr {rendered.number}"
    if rendered.version > 1:
        identity += f", version {rendered.version}"
    if rendered.is_extra:
        identity += " · extra rapport"
    return identity


def render_report_docx(rendered: PdfReport) -> bytes:
    """The report as a .docx file in the house style."""
    doc = Document()
    _styles(doc)
    doc.core_properties.title = rendered.title
    doc.core_properties.language = "sv-SE"
    title = rendered.title + (" – extra rapport" if rendered.is_extra else "")
    doc.add_heading(title, level=1)
    stamp = doc.add_paragraph().add_run(rendered.compiled_at_line)
    stamp.font.color.rgb = GREY
    if rendered.version > 1 and rendered.correction_reason:
        box = doc.add_paragraph()
        box.add_run("Rättelse. ").bold = True
        box.add_run(
            f"Version {rendered.version} ersätter tidigare version. "
            f"Skäl: {rendered.correction_reason}"
        )
        _border(box)
    tail_from: int | None = None
    notes = Notes(rendered.footnote_lines)
    for section in rendered.sections:
        level = min(max(section.level, 2), 4)
        if section.heading:
            tail_from = None
            doc.add_heading(section.heading, level=level)
        elif section.markdown and tail_from is None:
            tail_from = max(len(doc.paragraphs) - 1, 0)
        _blocks(doc, _parser.parse(section.markdown or ""), level - 1, notes)
    if tail_from is not None:
        # As in the PDF: the closing lines never stand alone on the last page.
        for paragraph in doc.paragraphs[tail_from:-1]:
            paragraph.paragraph_format.keep_with_next = True
    _footer(doc, report_identity(rendered))
    if rendered.footnote_lines:
        _footnotes_part(doc, rendered.footnote_lines)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _border(paragraph: Paragraph) -> None:
    props = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "12"), ("space", "4"), ("color", "7A4B00")):
            el.set(qn(f"w:{key}"), value)
        borders.append(el)
    props.append(borders)
