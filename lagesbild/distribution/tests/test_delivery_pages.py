"""The report's delivery page: counts, failures with the server's answer, resend, uncertain."""

from typing import Any

from django.template.loader import render_to_string
from django.test import RequestFactory

from lagesbild.distribution.models import Delivery, DeliveryState
from lagesbild.distribution.services import report_publish_and_distribute
from lagesbild.distribution.tests.helpers import (
    make_approved_report,
    make_distributed_series,
    make_list,
)
from lagesbild.testing import make_staff


def test_the_editor_sees_counts_and_reasons_and_resends_failed_only(
    client: Any, cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    smtp_server.handler.refuse["gone@region.example"] = ("550 5.1.1 Okänd mottagare", 1)
    lst = make_list(
        make_staff(), recipients=[("Gone", "gone@region.example"), ("Ok", "ok@region.example")]
    )
    report = make_approved_report(make_distributed_series([lst]))
    with django_capture_on_commit_callbacks(execute=True):
        report_publish_and_distribute(report=report, by=cast["editor"])
    client.force_login(cast["editor"])
    page = client.get(f"/utskick/rapporter/{report.pk}/").content.decode()
    assert "550 5.1.1 Okänd mottagare" in page and "gone@region.example" in page
    assert "Försök igen med 1 misslyckad" in page and "Rätta och skicka" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/utskick/rapporter/{report.pk}/skicka-igen/", {"state": "failed"})
    assert response.status_code == 302
    assert smtp_server.handler.per_address() == {"gone@region.example": 1, "ok@region.example": 1}


def test_uncertain_deliveries_are_shown_and_the_editor_decides(
    client: Any, cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    lst = make_list(make_staff(), recipients=[("A", "a@region.example"), ("B", "b@region.example")])
    report = make_approved_report(make_distributed_series([lst]))
    with django_capture_on_commit_callbacks(execute=True):
        report_publish_and_distribute(report=report, by=cast["editor"])
    Delivery.objects.filter(address="a@region.example").update(state=DeliveryState.UNCERTAIN)
    client.force_login(cast["editor"])
    page = client.get(f"/utskick/rapporter/{report.pk}/").content.decode()
    assert "Det går inte att veta om det kom fram" in page

    client.post(f"/utskick/rapporter/{report.pk}/markera-skickade/")
    assert Delivery.objects.get(address="a@region.example").state == DeliveryState.SENT
    assert len(smtp_server.handler.messages) == 2  # nothing was sent again


def test_the_page_publishes_and_sends_an_approved_report(
    client: Any, cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    report = make_approved_report(make_distributed_series([make_list(make_staff(), recipients=2)]))
    client.force_login(cast["editor"])
    assert "Publicera och skicka" in client.get(f"/utskick/rapporter/{report.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/utskick/rapporter/{report.pk}/skicka/")
    assert len(smtp_server.handler.messages) == 2


def test_readers_and_contributors_do_not_see_deliveries(client: Any, cast: Any) -> None:
    report = make_approved_report(make_distributed_series([]))
    for who in ("reader", "contributor"):
        client.force_login(cast[who])
        assert client.get(f"/utskick/rapporter/{report.pk}/").status_code == 403
        assert client.post(f"/utskick/rapporter/{report.pk}/skicka-igen/").status_code == 403


def test_the_summary_include_shows_the_counts(cast: Any) -> None:
    report = make_approved_report(make_distributed_series([]))
    request = RequestFactory().get("/")
    request.user = cast["editor"]
    html = render_to_string(
        "distribution/_delivery_summary.html",
        {"report": report, "may": {"read_deliveries": True}},
        request=request,
    )
    assert "0</span> skickade" in html and f"/utskick/rapporter/{report.pk}/" in html
