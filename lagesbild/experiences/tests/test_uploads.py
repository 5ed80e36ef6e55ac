"""Hostile and oversized uploads: refused quickly with a Swedish message, never a 500."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lagesbild.experiences.models import Channel, Source
from lagesbild.experiences.services import FileRefused, document_extract_text
from lagesbild.experiences.services.files import MAX_DOCX_XML_BYTES, MAX_TEXT_CHARS
from lagesbild.experiences.tests.helpers import (
    make_collection,
    make_docx,
    make_large_docx,
    make_pdf_bomb,
    make_web_question,
)


def test_a_huge_docx_within_the_zip_limits_is_refused_before_parsing() -> None:
    data = make_large_docx(MAX_DOCX_XML_BYTES // (1024 * 1024) + 2)
    assert len(data) < 20 * 1024 * 1024  # within the upload limit and the ZIP bomb check
    with pytest.raises(FileRefused, match="för stor för att läsas"):
        document_extract_text("rapport.docx", data)


def test_a_docx_with_more_text_than_allowed_is_refused_while_streaming() -> None:
    data = make_large_docx(3)  # about 3 MB of XML holds more than MAX_TEXT_CHARS
    with pytest.raises(FileRefused, match="mer text än"):
        document_extract_text("rapport.docx", data)
    assert MAX_TEXT_CHARS < 10**7


def test_docx_extraction_keeps_paragraphs_tables_and_breaks_in_order() -> None:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Först ett stycke.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Vänster"
    table.rows[0].cells[1].text = "Höger"
    document.add_paragraph("Sist ett stycke.")
    buffer = io.BytesIO()
    document.save(buffer)
    text = document_extract_text("brev.docx", buffer.getvalue()).text
    assert text == "Först ett stycke.\nVänster | Höger\nSist ett stycke."
    assert document_extract_text("x.docx", make_docx(["Hej"])).text == "Hej"


def test_a_pdf_decompression_bomb_is_refused_with_a_message(client: Client, cast: dict) -> None:
    bomb = make_pdf_bomb(80)  # just past pypdf's 75 MB output limit
    with pytest.raises(FileRefused, match="orimlig storlek"):
        document_extract_text("bomb.pdf", bomb)
    collection = make_collection()
    client.force_login(cast["editor"])
    response = client.post(
        f"/erfarenheter/{collection.slug}/dokument/",
        {
            "channel": Channel.LETTER,
            "date": "2025-02-27",
            "documents": [SimpleUploadedFile("bomb.pdf", bomb)],
        },
    )
    assert response.status_code == 400
    assert "orimlig storlek" in response.content.decode()
    assert not Source.objects.exists()


def test_a_request_body_over_the_cap_is_refused_before_it_is_read(
    client: Client, cast: dict, settings
) -> None:
    settings.MAX_REQUEST_BYTES = 1024 * 1024
    collection = make_collection()
    client.force_login(cast["editor"])
    response = client.post(
        f"/erfarenheter/{collection.slug}/dokument/",
        {
            "channel": Channel.LETTER,
            "date": "2025-02-27",
            "documents": [SimpleUploadedFile("stor.txt", b"a" * (2 * 1024 * 1024))],
        },
    )
    assert response.status_code == 413
    assert "för stort" in response.content.decode()


@pytest.mark.django_db
def test_the_web_question_refuses_a_huge_body(client: Client) -> None:
    cache.clear()
    question = make_web_question()
    prompt = question.prompts.first()
    response = client.post(
        f"/erfarenheter/fraga/{question.slug}/",
        {f"answer_{prompt.pk}": "å" * 200_000, "website": ""},
    )
    assert response.status_code == 413
    assert "för stort" in response.content.decode()
    assert not Source.objects.exists()
