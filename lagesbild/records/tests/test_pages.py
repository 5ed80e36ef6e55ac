"""The records pages: the list with the clock, a request end to end, who sees what."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lagesbild.accounts.models import User
from lagesbild.records.models import RecordsRequest
from lagesbild.staff.models import StaffMember, StaffRole
from lagesbild.testing import make_records_request, make_staff, make_user


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_list_shows_open_requests_oldest_first_with_working_hours(cast: dict) -> None:
    staff = make_staff()
    now = timezone.now()
    newer = make_records_request(staff, received_at=now - timedelta(minutes=10))
    older = make_records_request(staff, received_at=now - timedelta(days=8))
    response = client_for(cast["editor"]).get(reverse("records:index"))
    assert [row.request for row in response.context["rows"]] == [older, newer]
    html = response.content.decode()
    assert html.index(older.number) < html.index(newer.number)
    assert "Försenad" in html and "arbetstimmar" in html.lower()


@pytest.mark.django_db
def test_readers_and_anonymous_visitors_are_kept_out(cast: dict) -> None:
    request = make_records_request(make_staff())
    for url in (reverse("records:index"), reverse("records:request_detail", args=[request.pk])):
        assert client_for(cast["reader"]).get(url).status_code == 403
        assert client_for(cast["contributor"]).get(url).status_code == 403
        response = Client().get(url)
        assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


@pytest.mark.django_db
def test_requester_details_are_shown_only_to_handlers(cast: dict) -> None:
    staff = make_staff()
    request = make_records_request(staff, requester_name="Karin Journalist")
    decider = make_user("beslutsfattare", role="decision_maker")
    StaffMember.objects.create(
        staff=staff, user=decider, name="Beslutsfattare", staff_role=StaffRole.DECISION_MAKER
    )
    url = reverse("records:request_detail", args=[request.pk])
    assert "Karin Journalist" in client_for(cast["editor"]).get(url).content.decode()
    as_decider = client_for(decider).get(url)
    assert as_decider.status_code == 200
    html = as_decider.content.decode()
    assert "Karin Journalist" not in html and "Sökande" not in html
    assert "Fatta beslut" not in html


@pytest.mark.django_db
def test_an_editor_handles_a_request_end_to_end_through_the_pages(cast: dict) -> None:
    staff = make_staff()
    client = client_for(cast["editor"])
    response = client.post(
        reverse("records:request_create", args=[staff.slug]),
        {
            "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "channel": "email",
            "description": "Mejlväxling mellan regiondirektören och leverantören, februari",
            "requester_name": "",
            "requester_contact": "",
            "handler": cast["editor"].pk,
        },
    )
    request = RecordsRequest.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/diarium/{request.pk}/")
    client.post(
        reverse("records:document_add", args=[request.pk]),
        {
            "title": "Mejl 2025-02-12",
            "kind": "email",
            "original": SimpleUploadedFile("mejl.eml", "Hej, priset är 1 200 kr/tim.".encode()),
        },
    )
    document = request.documents.get()
    prefix = f"d{document.pk}"
    response = client.post(
        reverse("records:document_review", args=[document.pk]), {f"{prefix}-outcome": "redacted"}
    )
    assert response.status_code == 400
    assert "Ange lagrum i OSL" in response.content.decode()
    client.post(
        reverse("records:document_review", args=[document.pk]),
        {
            f"{prefix}-outcome": "redacted",
            f"{prefix}-legal_ground": "31 kap. 16 § OSL",
            f"{prefix}-released_file": SimpleUploadedFile("mejl.pdf", b"Hej, priset er XXX."),
        },
    )
    response = client.post(
        reverse("records:request_decide", args=[request.pk]),
        {"outcome": "partly", "grounds": "Priset är affärshemlighet.", "appeal_notice": ""},
    )
    assert response.status_code == 400
    assert "Ett avslag måste ha en överklagandehänvisning." in response.content.decode()
    assert not RecordsRequest.objects.get().is_decided
    client.post(
        reverse("records:request_decide", args=[request.pk]),
        {
            "outcome": "partly",
            "grounds": "Priset är affärshemlighet.",
            "appeal_notice": "Överklaga till kammarrätten inom tre veckor.",
        },
    )
    request.refresh_from_db()
    assert request.outcome == "partly" and request.is_decided
    pdf = client.get(reverse("records:decision_pdf", args=[request.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    released = client.get(reverse("records:document_file", args=[document.pk, "utlamnad"]))
    assert released.content == b"Hej, priset er XXX."
    page = client.get(reverse("records:request_detail", args=[request.pk])).content.decode()
    assert "Fatta beslut" not in page and "Spara kompletteringen" in page


@pytest.mark.django_db
def test_a_request_without_description_gets_a_swedish_error_and_is_not_saved(cast: dict) -> None:
    staff = make_staff()
    response = client_for(cast["editor"]).post(
        reverse("records:request_create", args=[staff.slug]),
        {"received_at": "2025-02-25T09:15", "channel": "phone", "description": ""},
    )
    assert response.status_code == 200
    assert "Beskriv vad som begärs." in response.content.decode()
    assert RecordsRequest.objects.count() == 0


@pytest.mark.django_db
def test_originals_are_only_for_handlers_and_their_opening_is_audited(cast: dict) -> None:
    from lagesbild.accounts.models import AuditEntry
    from lagesbild.records import services

    staff = make_staff()
    request = make_records_request(staff)
    document = services.document_add(
        request=request,
        title="Avtal",
        kind="contract",
        original=SimpleUploadedFile("avtal.pdf", b"%PDF avtal"),
        by=cast["editor"],
    )
    decider = make_user("dm", role="decision_maker")
    url = reverse("records:document_file", args=[document.pk, "original"])
    assert client_for(decider).get(url).status_code == 403
    response = client_for(cast["editor"]).get(url)
    assert response.content == b"%PDF avtal"
    assert AuditEntry.objects.filter(action="records.original_open").count() == 1
    # Not yet released: no released version for anyone.
    released = reverse("records:document_file", args=[document.pk, "utlamnad"])
    assert client_for(cast["editor"]).get(released).status_code == 404


@pytest.mark.django_db
def test_the_panel_and_statistics_pages_render(cast: dict, settings: Any) -> None:
    from django.template import Context, Template
    from django.test import RequestFactory

    staff = make_staff()
    make_records_request(staff, received_at=timezone.now() - timedelta(days=8))
    request = RequestFactory().get("/")
    request.user = cast["editor"]
    html = Template("{% load records %}{% records_panel staff %}").render(
        Context({"request": request, "staff": staff})
    )
    assert "1 öppen begäran." in html and "1 är försenad." in html
    request.user = cast["reader"]
    assert "begäran" not in Template("{% load records %}{% records_panel %}").render(
        Context({"request": request})
    )
    response = client_for(cast["editor"]).get(reverse("records:statistics"))
    assert response.status_code == 200 and "Beslut samma dag" in response.content.decode()


@pytest.mark.django_db
def test_the_list_reads_in_english_when_english_is_chosen(cast: dict, settings: Any) -> None:
    make_records_request(make_staff())
    client = client_for(cast["editor"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("records:index")).content.decode()
    assert "Requests for public documents" in html and "working hours" in html


@pytest.mark.django_db
def test_an_uploaded_html_file_is_downloaded_never_shown_as_a_page(cast: dict) -> None:
    from lagesbild.records import services

    request = make_records_request(make_staff())
    document = services.document_add(
        request=request,
        title="Mejl",
        kind="email",
        by=cast["editor"],
        original=SimpleUploadedFile("mejl.html", b"<script>alert(1)</script>"),
    )
    response = client_for(cast["editor"]).get(
        reverse("records:document_file", args=[document.pk, "original"])
    )
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "sandbox"


@pytest.mark.django_db
def test_only_people_who_may_handle_records_are_offered_as_handlers(cast: dict) -> None:
    staff = make_staff()
    response = client_for(cast["editor"]).get(reverse("records:request_create", args=[staff.slug]))
    offered = set(response.context["form"].fields["handler"].queryset)
    assert {cast["editor"], cast["staff_lead"]} <= offered
    # The administrator administers; handling a request is staff work.
    assert not {cast["admin"], cast["reader"], cast["contributor"], cast["outsider"]} & offered
