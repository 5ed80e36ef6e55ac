"""Uploaded files: refuse hostile ones before opening them, then extract plain text.

Checks run on the bytes, not the name: size, magic bytes, and for ZIP containers (DOCX,
XLSX) the total uncompressed size and compression ratio, so a ZIP bomb is refused unopened.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from typing import cast

from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ZIP_MEMBERS = 5000
MAX_PDF_PAGES = 1000
# A Word document's main XML part, uncompressed: far above any real letter or transcript, far
# below what would take the server minutes and gigabytes (the old DOM parse did).
MAX_DOCX_XML_BYTES = 25 * 1024 * 1024
# Characters of extracted text kept from one document (about 500 pages).
MAX_TEXT_CHARS = 1_500_000
_READ_CHUNK = 64 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Fewer characters than this per page means the PDF is a scan and someone must type the text.
MIN_PDF_CHARS_PER_PAGE = 20

DOCUMENT_TYPES = {"docx", "pdf", "txt"}
TABLE_TYPES = {"csv", "xlsx"}


class FileRefused(ValueError):
    """A file we will not open; the message is Swedish and shown to the user."""


@dataclass
class Extracted:
    text: str
    needs_manual_text: bool = False


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_zip(data: bytes, required_member: str) -> None:
    """Refuse archives that are not what they claim, or that would expand out of proportion."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise FileRefused(_("Filen är trasig eller inte en riktig Office-fil.")) from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise FileRefused(_("Filen innehåller orimligt många delar och tas inte emot."))
        total = sum(m.file_size for m in members)
        packed = sum(m.compress_size for m in members) or 1
        if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
            raise FileRefused(
                _("Filen packas upp till en orimlig storlek (möjlig zip-bomb) och tas inte emot.")
            )
        if required_member not in archive.namelist():
            raise FileRefused(_("Filen har rätt filändelse men fel innehåll."))


def detect_type(name: str, data: bytes, allowed: set[str]) -> str:
    """The file's real type among `allowed`, judged by its bytes; refuses anything else."""
    ext = _extension(name)
    if ext not in allowed:
        names = ", ".join(sorted(t.upper() for t in allowed))
        raise FileRefused(_("Filtypen stöds inte. Tillåtna typer: %(types)s.") % {"types": names})
    if len(data) > MAX_UPLOAD_BYTES:
        raise FileRefused(
            _("Filen är för stor (högst %(mb)d MB).") % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    if not data:
        raise FileRefused(_("Filen är tom."))
    if ext in {"docx", "xlsx"}:
        if not data.startswith(b"PK\x03\x04"):
            raise FileRefused(_("Filen har rätt filändelse men fel innehåll."))
        check_zip(data, "word/document.xml" if ext == "docx" else "xl/workbook.xml")
    elif ext == "pdf":
        if not data[:1024].lstrip().startswith(b"%PDF-"):
            raise FileRefused(_("Filen har rätt filändelse men fel innehåll."))
    elif ext in {"txt", "csv"}:
        head = data[:4096]
        if b"\x00" in head or head.startswith((b"PK\x03\x04", b"%PDF-", b"\xd0\xcf\x11\xe0")):
            raise FileRefused(_("Filen har rätt filändelse men fel innehåll."))
    return ext


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; refuses what is neither."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # cp1252 decodes almost anything; control characters betray that it was the wrong guess.
        if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
            break
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise FileRefused(
        _("Filens teckenkodning kunde inte läsas. Spara den som UTF-8 och försök igen.")
    )


def _too_long() -> FileRefused:
    return FileRefused(
        _("Dokumentet innehåller mer text än %(n)d tecken och tas inte emot. Dela upp det.")
        % {"n": MAX_TEXT_CHARS}
    )


def _docx_text(data: bytes) -> str:
    """The document's paragraphs, and table rows as "cell | cell", in document order.

    1. Refuse at once when word/document.xml would unpack beyond MAX_DOCX_XML_BYTES.
    2. Stream the XML through a pull parser in 64 kB chunks, keeping only text: memory stays
       flat however large the document, and each finished element is freed.
    3. Stop with a refusal as soon as the text passes MAX_TEXT_CHARS.
    """
    from xml.etree.ElementTree import Element, ParseError, XMLPullParser

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        info = archive.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise FileRefused(_("Word-filen kunde inte läsas.")) from exc
    if info.file_size > MAX_DOCX_XML_BYTES:
        raise FileRefused(
            _("Word-filen är för stor för att läsas (mer än %(mb)d MB text och formatering).")
            % {"mb": MAX_DOCX_XML_BYTES // (1024 * 1024)}
        )
    parser: XMLPullParser[Element] = XMLPullParser(events=("start", "end"))
    parts: list[str] = []
    paragraph: list[str] = []
    cells: list[str] = []
    cell: list[str] = []
    depth_in_cell = 0
    total = 0
    try:
        with archive, archive.open(info) as stream:
            while chunk := stream.read(_READ_CHUNK):
                parser.feed(chunk)
                for pair in parser.read_events():
                    event, element = cast(tuple[str, Element], pair)  # start/end: elements
                    tag = element.tag
                    if event == "start":
                        if tag == f"{_W}tc":
                            depth_in_cell += 1
                        continue
                    if tag == f"{_W}t":
                        paragraph.append(element.text or "")
                        total += len(element.text or "")
                        if total > MAX_TEXT_CHARS:
                            raise _too_long()
                    elif tag == f"{_W}tab":
                        paragraph.append("\t")
                    elif tag in (f"{_W}br", f"{_W}cr"):
                        paragraph.append("\n")
                    elif tag == f"{_W}p":
                        (cell if depth_in_cell else parts).append("".join(paragraph))
                        paragraph = []
                        element.clear()
                    elif tag == f"{_W}tc":
                        depth_in_cell -= 1
                        cells.append("\n".join(cell))
                        cell = []
                        element.clear()
                    elif tag == f"{_W}tr" and not depth_in_cell:
                        parts.append(" | ".join(cells))
                        cells = []
                        element.clear()
            parser.close()
    except ParseError as exc:
        raise FileRefused(_("Word-filen kunde inte läsas.")) from exc
    except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as exc:
        raise FileRefused(_("Word-filen är trasig och kunde inte läsas.")) from exc
    return "\n".join(parts).strip()


def _pdf_text(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise FileRefused(_("PDF-filen är lösenordsskyddad och kan inte läsas."))
        if len(reader.pages) > MAX_PDF_PAGES:
            raise FileRefused(_("PDF-filen har för många sidor."))
        pages = []
        total = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            total += len(pages[-1])
            if total > MAX_TEXT_CHARS:
                raise _too_long()
    except FileRefused:
        raise
    except LimitReachedError as exc:
        # pypdf stops decompressing past its output limit: a decompression bomb.
        raise FileRefused(
            _("PDF-filen packas upp till en orimlig storlek och tas inte emot.")
        ) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise FileRefused(_("PDF-filen är trasig och kunde inte läsas.")) from exc
    except (RecursionError, MemoryError) as exc:
        raise FileRefused(_("PDF-filen är för komplicerad för att läsas.")) from exc
    text = "\n\n".join(p.strip() for p in pages).strip()
    scanned = len(text.replace(" ", "")) < MIN_PDF_CHARS_PER_PAGE * max(1, len(pages))
    return Extracted(text=text, needs_manual_text=scanned)


def document_extract_text(name: str, data: bytes) -> Extracted:
    """Plain text of a DOCX, PDF or TXT file; scanned PDFs come back flagged, not empty."""
    kind = detect_type(name, data, DOCUMENT_TYPES)
    if kind == "docx":
        text = _docx_text(data)
        return Extracted(text=text, needs_manual_text=not text)
    if kind == "pdf":
        return _pdf_text(data)
    text = decode_text(data).strip()
    if len(text) > MAX_TEXT_CHARS:
        raise _too_long()
    return Extracted(text=text, needs_manual_text=not text)
