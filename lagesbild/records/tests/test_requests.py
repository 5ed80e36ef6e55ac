"""Registering, reviewing and deciding requests: the rules, the errors, the audit trail."""

from datetime import datetime, timedelta
from io import BytesIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from lagesbild.accounts.services import audit_trail
from lagesbild.records import services
from lagesbild.records.decision_text import DEFAULT_APPEAL_NOTICE
from lagesbild.records.models import Outcome, RecordsRequest, RequestedDocument, Review
from lagesbild.testing import make_records_request, make_report, make_series, make_staff

SE = ZoneInfo("Europe/Stockholm")


def upload(
    name: str = "mejl.eml", body: bytes = b"From: a@example.se\n\nHej"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="message/rfc822")


@pytest.mark.django_db
def test_it_numbers_requests_per_year_in_the_configured_format(settings: Any) -> None:
    settings.RECORDS_NUMBER_FORMAT = "VIS {year}-{seq:04d}"
    staff = make_staff()
    first = make_records_request(staff, received_at=datetime(2025, 2, 25, 9, 0, tzinfo=SE))
    second = make_records_request(staff, received_at=datetime(2025, 2, 25, 10, 0, tzinfo=SE))
    next_year = make_records_request(staff, received_at=datetime(2026, 1, 2, 9, 0, tzinfo=SE))
    assert [first.number, second.number, next_year.number] == [
        "VIS 2025-0001",
        "VIS 2025-0002",
        "VIS 2026-0001",
    ]


@pytest.mark.django_db
def test_it_refuses_a_request_without_a_description_and_saves_nothing() -> None:
    with pytest.raises(ValidationError) as error:
        make_records_request(make_staff(), description="   ")
    assert error.value.message_dict == {"description": ["Beskriv vad som begärs."]}
    assert RecordsRequest.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_a_request_received_in_the_future() -> None:
    with pytest.raises(ValidationError) as error:
        make_records_request(make_staff(), received_at=datetime(2999, 1, 1, tzinfo=SE))
    assert error.value.message_dict == {
        "received_at": ["En begäran kan inte ha kommit in i framtiden."]
    }


@pytest.mark.django_db
def test_a_requester_may_stay_anonymous() -> None:
    request = make_records_request(make_staff(), requester_name="", requester_contact="")
    assert request.pk and request.requester_name == ""


@pytest.mark.django_db
def test_it_refuses_an_unknown_document_or_one_from_another_staff(cast: dict) -> None:
    staff = make_staff()
    request = make_records_request(staff)
    other_report = make_report(make_series(make_staff()))
    for kind, pk in (("report", 999_999), ("avtal-som-inte-finns", 1), ("report", other_report.pk)):
        with pytest.raises(ValidationError) as error:
            services.document_add(
                request=request,
                title="Rapport",
                kind="linked",
                link_kind=kind,
                link_id=pk,
                by=cast["editor"],
            )
        assert "Handlingen finns inte" in error.value.message_dict["link_id"][0]
    assert request.documents.count() == 0
    report = make_report(make_series(staff))
    document = services.document_add(
        request=request,
        title="Lägesrapport nr 1",
        kind="linked",
        link_kind="report",
        link_id=report.pk,
        by=cast["editor"],
    )
    assert document.linked() == {
        "label": "Rapport",
        "title": str(report),
        "url": f"/rapporter/{report.pk}/",
    }


@pytest.mark.django_db
def test_it_refuses_a_redacted_release_without_a_legal_ground(cast: dict) -> None:
    request = make_records_request(make_staff())
    document = services.document_add(
        request=request, title="Mejl", kind="email", original=upload(), by=cast["editor"]
    )
    for outcome in (Review.REDACTED, Review.WITHHELD):
        with pytest.raises(ValidationError) as error:
            services.document_review(document=document, outcome=outcome, by=cast["editor"])
        assert "OSL" in error.value.message_dict["legal_ground"][0]
    document.refresh_from_db()
    assert document.outcome == "" and document.reviewed_by is None
    services.document_review(
        document=document,
        outcome=Review.REDACTED,
        legal_ground="21 kap. 7 § OSL",
        released_file=upload("mejl-maskerad.pdf", b"%PDF maskerad"),
        by=cast["editor"],
    )
    document.refresh_from_db()
    assert document.reviewed_by == cast["editor"]
    assert document.original.read() == b"From: a@example.se\n\nHej"
    assert document.released_file.read() == b"%PDF maskerad"


@pytest.mark.django_db
def test_a_refusal_needs_grounds_and_an_appeal_notice_and_becomes_a_pdf(cast: dict) -> None:
    request = make_records_request(make_staff(), description="Avtalet med leverantören")
    document = services.document_add(
        request=request, title="Avtal", kind="contract", original=upload(), by=cast["editor"]
    )
    services.document_review(
        document=document,
        outcome=Review.WITHHELD,
        legal_ground="31 kap. 16 § OSL",
        by=cast["editor"],
    )
    with pytest.raises(ValidationError) as error:
        services.request_decide(
            request=request, outcome=Outcome.REFUSED, grounds="Affärssekretess.", by=cast["editor"]
        )
    assert error.value.message_dict == {
        "appeal_notice": ["Ett avslag måste ha en överklagandehänvisning."]
    }
    request.refresh_from_db()
    assert request.decided_at is None and not request.decision_pdf
    services.request_decide(
        request=request,
        outcome=Outcome.REFUSED,
        grounds="Uppgifterna omfattas av affärssekretess.",
        appeal_notice=DEFAULT_APPEAL_NOTICE,
        by=cast["editor"],
    )
    request.refresh_from_db()
    pdf = request.decision_pdf.read()
    assert pdf.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert request.number in text
    assert "kammarrätten" in text and "31 kap. 16 § OSL" in text


@pytest.mark.django_db
def test_it_refuses_a_decision_before_every_document_is_reviewed(cast: dict) -> None:
    request = make_records_request(make_staff())
    services.document_add(request=request, title="Protokoll", kind="minutes", by=cast["editor"])
    with pytest.raises(ValidationError) as error:
        services.request_decide(request=request, outcome=Outcome.RELEASED, by=cast["editor"])
    assert "sekretessprövas" in error.value.message_dict["outcome"][0]


@pytest.mark.django_db
def test_a_decided_request_is_never_edited_only_supplemented(cast: dict) -> None:
    request = make_records_request(make_staff())
    document = services.document_add(
        request=request, title="Protokoll", kind="minutes", by=cast["editor"]
    )
    services.document_review(document=document, outcome=Review.FULL, by=cast["editor"])
    services.request_decide(request=request, outcome=Outcome.RELEASED, by=cast["editor"])
    attempts = [
        lambda: services.request_assign(request=request, handler=cast["admin"], by=cast["editor"]),
        lambda: services.document_add(request=request, title="X", kind="other", by=cast["editor"]),
        lambda: services.document_review(
            document=document, outcome=Review.WITHHELD, legal_ground="x", by=cast["editor"]
        ),
        lambda: services.request_decide(
            request=request,
            outcome=Outcome.REFUSED,
            grounds="x",
            appeal_notice="y",
            by=cast["editor"],
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="kan inte ändras, bara kompletteras"):
            attempt()
    services.request_supplement(
        request=request, text="Sökanden fick handlingen per e-post 14.10.", by=cast["editor"]
    )
    assert RequestedDocument.objects.get().outcome == Review.FULL
    assert [e.action for e in audit_trail(request)][::-1] == [
        "records.request_register",
        "records.document_add",
        "records.document_review",
        "records.request_decide",
        "records.request_supplement",
    ]


@pytest.mark.django_db
def test_the_released_documents_answer_what_was_released_about_a_topic(cast: dict) -> None:
    staff = make_staff()
    for title, review in (
        ("Konsultkostnader januari", Review.FULL),
        ("Konsultavtal bilaga", Review.WITHHELD),
        ("Styrgruppsprotokoll", Review.FULL),
    ):
        request = make_records_request(staff, description=f"Begäran om {title.lower()}")
        document = services.document_add(
            request=request, title=title, kind="other", by=cast["editor"]
        )
        services.document_review(
            document=document, outcome=review, legal_ground="31 kap. 16 § OSL", by=cast["editor"]
        )
        services.request_decide(
            request=request,
            outcome=Outcome.RELEASED if review == Review.FULL else Outcome.REFUSED,
            grounds="Skäl.",
            appeal_notice="Hänvisning.",
            by=cast["editor"],
            at=request.received_at + timedelta(hours=1),
        )
    found = services.released_documents(staffs=[staff], query="konsult")
    assert [d.title for d in found] == ["Konsultkostnader januari"]
