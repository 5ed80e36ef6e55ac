"""make_* helpers for the experience collection's tests, and small document builders."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from itertools import count
from typing import Any

from lagesbild.experiences.models import Channel, Collection, Source, WebQuestion
from lagesbild.experiences.services import (
    SourceInput,
    collection_create,
    source_register,
    web_question_create,
)
from lagesbild.staff.models import Staff
from lagesbild.testing import make_staff

_sequence = count(1)


def make_collection(staff: Staff | None = None, **fields: Any) -> Collection:
    n = next(_sequence)
    fields.setdefault("title", f"Erfarenheter {n}")
    fields.setdefault("slug", f"insamling-{n}")
    return collection_create(staff=staff or make_staff(), actor_label="test", **fields)


def make_web_question(collection: Collection | None = None, **fields: Any) -> WebQuestion:
    n = next(_sequence)
    fields.setdefault("slug", f"fraga-{n}")
    fields.setdefault("title", "Dina erfarenheter av införandet")
    fields.setdefault("prompts", ["Vad har fungerat dåligt?"])
    fields.setdefault("introduction", "Berätta om dina erfarenheter.")
    return web_question_create(
        collection=collection or make_collection(), actor=None, actor_label="test", **fields
    )


def make_source(
    collection: Collection | None = None,
    *,
    text: str = "Inloggningen tar tio minuter.",
    **fields: Any,
) -> Source:
    collection = collection or make_collection()
    item = SourceInput(
        channel=fields.pop("channel", Channel.MEETING),
        text=text,
        date=fields.pop("date", date(2025, 2, 27)),
        category=fields.pop("category", None),
        title=fields.pop("title", ""),
        fields=fields,
    )
    return source_register(collection=collection, item=item, actor=None)


def make_docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf(text: str | None) -> bytes:
    """A one-page PDF with the text, or a blank page standing in for a scan."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    if text:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 12 Tf 50 780 Td ({text}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_xlsx(rows: list[list[Any]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_zip_bomb(member: str = "word/document.xml", megabytes: int = 20) -> bytes:
    """A small ZIP that would expand to `megabytes` of zeros: a DOCX/XLSX in disguise."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(member, "w", force_zip64=True) as handle:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                handle.write(chunk)
    return buffer.getvalue()


def make_pdf_bomb(megabytes: int = 100) -> bytes:
    """A 100 kB PDF whose font's ToUnicode map inflates to `megabytes` when text is extracted."""
    import zlib

    data = zlib.compress(b" " * (megabytes * 1024 * 1024), 9)
    content = b"BT /F1 12 Tf 50 780 Td (Hej) Tj ET"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(content) + content + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/ToUnicode 6 0 R>>",
        b"<</Length %d/Filter/FlateDecode>>stream\n" % len(data) + data + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def make_large_docx(xml_megabytes: int, words_per_paragraph: int = 15) -> bytes:
    """A valid DOCX whose document.xml is about `xml_megabytes` of varied text.

    Varied words keep the compression ratio realistic (about 3:1), so the file passes the ZIP
    bomb check and only the extraction bounds can stop it.
    """
    import random

    rng = random.Random(8)
    vocabulary = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyzåäö", k=7)) for _ in range(4000)]
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body>"
    )
    parts = [head]
    size = len(head)
    while size < xml_megabytes * 1024 * 1024:
        words = " ".join(rng.choices(vocabulary, k=words_per_paragraph))
        paragraph = f"<w:p><w:r><w:t>{words}</w:t></w:r></w:p>"
        parts.append(paragraph)
        size += len(paragraph)
    parts.append("</w:body></w:document>")
    # A real package (styles, relationships) from python-docx, with the big body swapped in.
    template = zipfile.ZipFile(io.BytesIO(make_docx(["x"])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in template.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info, template.read(info))
        archive.writestr("word/document.xml", "".join(parts))
    return buffer.getvalue()
