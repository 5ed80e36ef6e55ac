"""Uploaded files: refuse hostile ones before opening them, then extract plain text.

Checks run on the bytes, not the name: size, magic bytes, and for ZIP containers (DOCX,
XLSX) the total uncompressed size and compression ratio, so a ZIP bomb is refused unopened.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ZIP_MEMBERS = 5000
MAX_PDF_PAGES = 1000
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


def _docx_text(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise FileRefused(_("Word-filen kunde inte läsas.")) from exc
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts).strip()


def _pdf_text(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise FileRefused(_("PDF-filen är lösenordsskyddad och kan inte läsas."))
        if len(reader.pages) > MAX_PDF_PAGES:
            raise FileRefused(_("PDF-filen har för många sidor."))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, FileRefused):
            raise
        raise FileRefused(_("PDF-filen är trasig och kunde inte läsas.")) from exc
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
    return Extracted(text=text, needs_manual_text=not text)
