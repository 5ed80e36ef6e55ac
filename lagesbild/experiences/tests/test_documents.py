"""Meetings, letters and interviews: registered in the app or uploaded as DOCX, PDF or TXT."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lagesbild.experiences.models import Channel, Source
from lagesbild.experiences.services import FileRefused, document_extract_text
from lagesbild.experiences.tests.helpers import make_collection, make_docx, make_pdf, make_zip_bomb


def test_it_extracts_text_from_docx_pdf_and_txt() -> None:
    docx = document_extract_text(
        "anteckningar.docx", make_docx(["Dialogmöte", "Inloggning tar tid."])
    )
    assert docx.text == "Dialogmöte\nInloggning tar tid." and not docx.needs_manual_text
    pdf = document_extract_text(
        "skrivelse.pdf", make_pdf("Vi vill lyfta patientsakerheten i akuten.")
    )
    assert "patientsakerheten" in pdf.text and not pdf.needs_manual_text
    txt = document_extract_text("utskrift.txt", "Övertid varje vecka.".encode("cp1252"))
    assert txt.text == "Övertid varje vecka."


def test_a_scanned_pdf_is_flagged_for_manual_text_not_silently_empty() -> None:
    extracted = document_extract_text("skannad.pdf", make_pdf(None))
    assert extracted.needs_manual_text and extracted.text == ""


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bomb.docx", make_zip_bomb(), "zip-bomb"),
        ("falsk.docx", b"%PDF-1.4 pretending", "fel innehåll"),
        ("falsk.pdf", b"PK\x03\x04 pretending", "fel innehåll"),
        ("falsk.txt", b"%PDF-1.4 pretending", "fel innehåll"),
        ("zip.docx", make_zip_bomb("something/else.xml", 1)[:200], "trasig"),
        ("tom.txt", b"", "tom"),
        ("bild.png", b"\x89PNG", "Filtypen stöds inte"),
    ],
)
def test_it_refuses_hostile_files_with_a_clear_message(
    name: str, data: bytes, message: str
) -> None:
    with pytest.raises(FileRefused, match=message):
        document_extract_text(name, data)


def test_it_refuses_an_oversized_file(settings) -> None:  # type: ignore[no-untyped-def]
    from lagesbild.experiences.services import files

    big = b"a" * (files.MAX_UPLOAD_BYTES + 1)
    with pytest.raises(FileRefused, match="för stor"):
        document_extract_text("stor.txt", big)


@pytest.mark.django_db
def test_staff_register_a_dialogue_meeting_with_participants_per_category(
    client: Client, cast: dict
) -> None:
    collection = make_collection()
    kommun, koncern = (
        collection.categories.get(name="Kommun"),
        collection.categories.get(name="Koncernkontoret"),
    )
    client.force_login(cast["editor"])
    url = f"/erfarenheter/{collection.slug}/registrera/meeting/"
    assert "Antal deltagare per kategori" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title": "Dialogmöte Norra länsdelen",
            "date": "2025-02-20",
            "place": "Sunderby sjukhus",
            "organiser": "Programmet",
            f"attendance_{kommun.pk}": "12",
            f"attendance_{koncern.pk}": "3",
            "text": "Inloggningen tar tio minuter. Kontakta mig på per@region.example.",
        },
    )
    source = Source.objects.get()
    assert response.url == f"/erfarenheter/{collection.slug}/kallor/{source.pk}/"
    assert source.channel == Channel.MEETING and source.registered_by == cast["editor"]
    assert source.text == "Inloggningen tar tio minuter. Kontakta mig på [e-post]."
    assert {a.category.name: a.count for a in source.attendance.all()} == {
        "Kommun": 12,
        "Koncernkontoret": 3,
    }


@pytest.mark.django_db
def test_a_letter_is_registered_from_its_uploaded_original(client: Client, cast: dict) -> None:
    collection = make_collection()
    client.force_login(cast["staff_lead"])
    response = client.post(
        f"/erfarenheter/{collection.slug}/registrera/letter/",
        {
            "title": "Skrivelse om patientsäkerhet",
            "date": "2025-02-18",
            "sender": "Sjuksköterskor på akutmottagningen",
            "addressee": "Regionstyrelsen",
            "registration_number": "RS 2025/123",
            "document": SimpleUploadedFile(
                "skrivelse.docx", make_docx(["Vi kräver att införandet pausas."])
            ),
        },
    )
    assert response.status_code == 302
    source = Source.objects.get()
    assert source.text == "Vi kräver att införandet pausas."
    assert source.registration_number == "RS 2025/123"
    assert source.file_name == "skrivelse.docx" and source.file.read().startswith(b"PK")


@pytest.mark.django_db
def test_an_interview_needs_a_role_and_never_asks_for_a_name(client: Client, cast: dict) -> None:
    collection = make_collection()
    client.force_login(cast["editor"])
    url = f"/erfarenheter/{collection.slug}/registrera/interview/"
    body = client.get(url).content.decode()
    assert "Aldrig namn" in body
    response = client.post(url, {"date": "2025-03-01", "text": "Utskrift"})
    assert response.status_code == 400
    assert "Detta fält måste fyllas i" in response.content.decode()


@pytest.mark.django_db
def test_several_documents_upload_at_once_and_a_scan_is_flagged(client: Client, cast: dict) -> None:
    collection = make_collection()
    client.force_login(cast["editor"])
    response = client.post(
        f"/erfarenheter/{collection.slug}/dokument/",
        {
            "channel": "interview",
            "date": "2025-03-03",
            "documents": [
                SimpleUploadedFile("intervju-1.docx", make_docx(["Vi fick för lite utbildning."])),
                SimpleUploadedFile("intervju-2.txt", "Övertiden ökade.".encode()),
                SimpleUploadedFile("intervju-3.pdf", make_pdf(None)),
            ],
        },
        follow=True,
    )
    assert "3 dokument registrerade. 1 behöver text skrivas in" in response.content.decode()
    scanned = Source.objects.get(file_name="intervju-3.pdf")
    assert scanned.needs_manual_text
    client.post(
        f"/erfarenheter/{collection.slug}/kallor/{scanned.pk}/andra/",
        {
            "title": "intervju-3",
            "date": "2025-03-03",
            "interviewee_role": "Läkare",
            "text": "Inskriven text.",
        },
    )
    scanned.refresh_from_db()
    assert scanned.text == "Inskriven text." and not scanned.needs_manual_text


@pytest.mark.django_db
def test_one_hostile_file_in_a_batch_leaves_nothing_behind(
    client: Client, cast: dict, settings
) -> None:  # type: ignore[no-untyped-def]
    collection = make_collection()
    client.force_login(cast["editor"])
    response = client.post(
        f"/erfarenheter/{collection.slug}/dokument/",
        {
            "channel": "letter",
            "date": "2025-03-03",
            "documents": [
                SimpleUploadedFile("ok.txt", b"Bra brev."),
                SimpleUploadedFile("bomb.docx", make_zip_bomb()),
            ],
        },
    )
    assert response.status_code == 400
    assert "bomb.docx" in response.content.decode()
    assert Source.objects.count() == 0
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
