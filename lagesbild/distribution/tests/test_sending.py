"""Publishing sends: one personal message per unique address, recorded, with the PDF if asked."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from lagesbild.accounts.models import AuditEntry
from lagesbild.distribution.models import Delivery, DeliveryState
from lagesbild.distribution.services import (
    deliveries_send_due,
    delivery_counts,
    dispatch_prepare,
    report_publish_and_distribute,
)
from lagesbild.distribution.tests.helpers import (
    make_approved_report,
    make_distributed_series,
    make_list,
)
from lagesbild.reports.models import Report, ReportKind, ReportState
from lagesbild.testing import make_staff


def publish(report: Report, capture: Any, **kwargs: Any) -> Any:
    with capture(execute=True):
        return report_publish_and_distribute(report=report, by_label="test", **kwargs)


def test_it_sends_one_personal_message_per_unique_address(
    cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    staff = make_staff()
    politicians = make_list(
        staff, "Politisk ledning", [("Anna Ås", "anna@region.example"), ("Bo", "bo@region.example")]
    )
    managers = make_list(
        staff, "Chefer", [("Anna Ås", "ANNA@region.example"), ("Cia", "cia@region.example")]
    )
    series = make_distributed_series([politicians, managers], title="Regional rapport")
    report = make_approved_report(series, title="Regional rapport")

    publish(report, django_capture_on_commit_callbacks)

    assert smtp_server.handler.per_address() == {
        "anna@region.example": 1,
        "bo@region.example": 1,
        "cia@region.example": 1,
    }
    message = smtp_server.handler.to("anna@region.example")[0].parsed()
    assert message["Subject"].startswith(f"Regional rapport nr {report.number}, 20")
    assert "Anna Ås" in message["To"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Hej Anna Ås," in text and "Hej Anna Ås," in html
    url = f"https://lagesbild.region.example/rapporter/{report.pk}/"
    assert url in text and url in html
    assert "Läget är stabilt" in text and "**" not in text  # plain text, no Markdown marks
    assert 'style="' in html and "<strong>stabilt</strong>" in html
    assert delivery_counts(report=report) == {"queued": 0, "sent": 3, "failed": 0, "uncertain": 0}
    delivery = Delivery.objects.get(report=report, address="anna@region.example")
    assert delivery.attempts == 1 and delivery.sent_at and delivery.smtp_code == 250
    assert AuditEntry.objects.filter(action="report.distribute", object_id=str(report.pk)).exists()


def test_running_the_task_again_sends_nothing_twice(
    cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    lst = make_list(make_staff(), recipients=5)
    report = make_approved_report(make_distributed_series([lst]))
    dispatch = publish(report, django_capture_on_commit_callbacks)

    assert dispatch_prepare(dispatch_id=dispatch.pk) == 0
    deliveries_send_due(report_id=report.pk, now=timezone.now() + timedelta(days=1))

    assert sum(smtp_server.handler.per_address().values()) == 5
    assert set(smtp_server.handler.per_address().values()) == {1}


def test_the_pdf_is_attached_when_the_series_asks(
    cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    lst = make_list(make_staff(), recipients=2)
    report = make_approved_report(make_distributed_series([lst], attach_pdf=True))
    publish(report, django_capture_on_commit_callbacks)

    message = smtp_server.handler.messages[0].parsed()
    attachments = list(message.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["application/pdf"]
    assert attachments[0].get_content().startswith(b"%PDF")
    assert attachments[0].get_filename().endswith(".pdf")


def test_an_extra_report_and_a_correction_say_so(
    cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    lst = make_list(make_staff(), recipients=[("Bo", "bo@region.example")])
    series = make_distributed_series([lst])
    first = make_approved_report(series, kind=ReportKind.EXTRA)
    publish(first, django_capture_on_commit_callbacks)
    correction = make_approved_report(
        series,
        number=first.number,
        version=2,
        kind=ReportKind.EXTRA,
        corrects=first,
        correction_reason="Fel antal enheter",
    )
    publish(correction, django_capture_on_commit_callbacks)

    original, corrected = [m.parsed() for m in smtp_server.handler.to("bo@region.example")]
    assert "Extra rapport" in original["Subject"]
    assert corrected["Subject"].startswith("Rättelse: Extra rapport")
    assert "version 2" in corrected["Subject"]
    text = corrected.get_body(("plain",)).get_content()
    assert "RÄTTELSE" in text and "Fel antal enheter" in text


def test_publishing_without_lists_sends_nothing(
    cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    report = make_approved_report(make_distributed_series([]))
    assert publish(report, django_capture_on_commit_callbacks) is None
    report.refresh_from_db()
    assert report.state == ReportState.PUBLISHED
    assert smtp_server.handler.messages == []


def test_named_lists_are_added_to_the_series_lists(
    cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    staff = make_staff()
    usual = make_list(staff, recipients=[("A", "a@x.example")])
    extra = make_list(staff, recipients=[("B", "b@x.example")])
    report = make_approved_report(make_distributed_series([usual]))
    publish(report, django_capture_on_commit_callbacks, extra_lists=[extra])
    assert set(smtp_server.handler.per_address()) == {"a@x.example", "b@x.example"}
    assert Delivery.objects.filter(state=DeliveryState.SENT).count() == 2
