"""The publish step names lists and recipients; a failed address is corrected and resent at once."""

from typing import Any

from lagesbild.distribution.models import Delivery, DeliveryState, Recipient
from lagesbild.distribution.services import report_publish_and_distribute
from lagesbild.distribution.tests.helpers import (
    make_approved_report,
    make_distributed_series,
    make_list,
)
from lagesbild.reports.models import ReportState
from lagesbild.testing import make_staff


def test_the_publish_step_names_the_lists_and_counts_the_people(client: Any, cast: Any) -> None:
    staff = make_staff()
    politicians = make_list(staff, "Politisk ledning", recipients=[("A", "a@region.example")])
    managers = make_list(
        staff, "Chefer", recipients=[("A", "A@region.example"), ("B", "b@region.example")]
    )
    report = make_approved_report(make_distributed_series([politicians, managers]))
    client.force_login(cast["editor"])
    page = client.get(f"/utskick/rapporter/{report.pk}/publicera/").content.decode()
    assert "Politisk ledning" in page and "Chefer" in page
    # a@ is on both lists and gets one mail.
    assert "Publicera och skicka till 2 mottagare" in page
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED, "looking at the step publishes nothing"


def test_a_reader_cannot_open_the_publish_step(client: Any, cast: Any) -> None:
    report = make_approved_report(make_distributed_series([make_list(make_staff())]))
    client.force_login(cast["reader"])
    assert client.get(f"/utskick/rapporter/{report.pk}/publicera/").status_code == 403


def test_a_failed_address_is_corrected_and_sent_in_one_step(
    client: Any, cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    smtp_server.handler.refuse["anna@regoin.example"] = ("550 5.1.1 Okänd mottagare", None)
    lst = make_list(make_staff(), recipients=[("Anna", "anna@regoin.example")])
    report = make_approved_report(make_distributed_series([lst]))
    with django_capture_on_commit_callbacks(execute=True):
        report_publish_and_distribute(report=report, by=cast["editor"])
    delivery = Delivery.objects.get(report=report)
    assert delivery.state == DeliveryState.FAILED
    client.force_login(cast["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/utskick/utskick/{delivery.pk}/ratta/", {"address": "anna@region.example"}
        )
    assert response.status_code == 302
    assert smtp_server.handler.per_address()["anna@region.example"] == 1
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.SENT and delivery.address == "anna@region.example"
    assert Recipient.objects.get(distribution_list=lst).email == "anna@region.example"


def test_a_correction_to_another_bad_address_is_refused(client: Any, cast: Any) -> None:
    lst = make_list(make_staff(), recipients=[("Anna", "anna@regoin.example")])
    report = make_approved_report(make_distributed_series([lst]))
    report_publish_and_distribute(report=report, by=cast["editor"])
    from lagesbild.distribution.services.preparing import dispatch_prepare

    dispatch_prepare(dispatch_id=report.dispatches.get().pk)
    delivery = Delivery.objects.get(report=report)
    Delivery.objects.filter(pk=delivery.pk).update(state=DeliveryState.FAILED)
    client.force_login(cast["editor"])
    client.post(f"/utskick/utskick/{delivery.pk}/ratta/", {"address": "inte en adress"})
    delivery.refresh_from_db()
    assert delivery.address == "anna@regoin.example" and delivery.state == DeliveryState.FAILED


def test_a_recipient_is_edited_in_place(client: Any, cast: Any) -> None:
    lst = make_list(make_staff(), recipients=[("Anna", "anna@regoin.example")])
    recipient = lst.recipients.get()
    client.force_login(cast["editor"])
    response = client.post(
        f"/utskick/mottagare/{recipient.pk}/andra/",
        {"name": "Anna Ås", "email": "anna@region.example"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.lstrip().startswith("<tr") and "Anna Ås" in html
    recipient.refresh_from_db()
    assert (recipient.name, recipient.email) == ("Anna Ås", "anna@region.example")
    page = client.get(f"/utskick/listor/{lst.pk}/").content.decode()
    assert f'hx-post="/utskick/mottagare/{recipient.pk}/andra/"' in page


def test_the_delivery_counts_poll_while_mail_is_queued(client: Any, cast: Any) -> None:
    lst = make_list(make_staff(), recipients=2)
    report = make_approved_report(make_distributed_series([lst]))
    report_publish_and_distribute(report=report, by=cast["editor"])
    from lagesbild.distribution.services.preparing import dispatch_prepare

    dispatch_prepare(dispatch_id=report.dispatches.get().pk)
    client.force_login(cast["editor"])
    page = client.get(f"/utskick/rapporter/{report.pk}/").content.decode()
    assert f'hx-get="/utskick/rapporter/{report.pk}/lage/"' in page and "every 2s" in page
    Delivery.objects.filter(report=report).update(state=DeliveryState.SENT)
    fragment = client.get(f"/utskick/rapporter/{report.pk}/lage/").content.decode()
    assert "hx-get" not in fragment, "polling stops when nothing is queued"
    assert '<span class="count">2</span> skickade' in fragment


def test_an_invalid_address_is_not_offered_a_retry_to_itself(client: Any, cast: Any) -> None:
    from lagesbild.distribution.services.preparing import dispatch_prepare

    lst = make_list(make_staff(), recipients=[("Ekonomichefen", "ekonomichef.region.example")])
    report = make_approved_report(make_distributed_series([lst]))
    report_publish_and_distribute(report=report, by=cast["editor"])
    dispatch_prepare(dispatch_id=report.dispatches.get().pk)
    Delivery.objects.filter(report=report).update(
        state=DeliveryState.FAILED, attempts=1, smtp_response="Ogiltig e-postadress"
    )
    client.force_login(cast["editor"])
    page = client.get(f"/utskick/rapporter/{report.pk}/").content.decode()
    assert "Försök igen med" not in page
    assert "Rätta och skicka" in page
