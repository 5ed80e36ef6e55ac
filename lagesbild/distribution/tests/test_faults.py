"""Faults against a real SMTP server: down, temporary and permanent refusals, bad addresses."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from lagesbild.distribution.models import Delivery, DeliveryState
from lagesbild.distribution.services import (
    deliveries_resend,
    deliveries_send_due,
    delivery_counts,
    report_publish_and_distribute,
)
from lagesbild.distribution.tests.helpers import (
    make_approved_report,
    make_distributed_series,
    make_list,
)
from lagesbild.reports.models import Report
from lagesbild.testing import make_staff


def published(recipients: int | list[tuple[str, str]], capture: Any) -> Report:
    lst = make_list(make_staff(), recipients=recipients)
    report = make_approved_report(make_distributed_series([lst]))
    with capture(execute=True):
        report_publish_and_distribute(report=report, by_label="test")
    return report


def later(minutes: int) -> Any:
    return timezone.now() + timedelta(minutes=minutes)


def test_when_the_server_is_down_messages_wait_and_go_out_when_it_is_back(
    cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    smtp_server.stop()
    report = published(4, django_capture_on_commit_callbacks)

    assert delivery_counts(report=report)["queued"] == 4
    waiting = Delivery.objects.filter(report=report).first()
    assert waiting is not None and "svarar inte" in waiting.smtp_response
    assert waiting.attempts == 0

    smtp_server.start()
    deliveries_send_due(now=later(1))

    assert delivery_counts(report=report) == {"queued": 0, "sent": 4, "failed": 0, "uncertain": 0}
    assert set(smtp_server.handler.per_address().values()) == {1}


def test_temporary_refusals_are_retried_and_the_rest_sent_once(
    cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    people = [(f"P{i}", f"p{i}@region.example") for i in range(20)]
    for _name, address in people[:2]:  # 10 %
        smtp_server.handler.refuse[address] = ("451 4.7.1 Försök senare", 1)
    report = published(people, django_capture_on_commit_callbacks)

    assert delivery_counts(report=report) == {"queued": 2, "sent": 18, "failed": 0, "uncertain": 0}
    retry = Delivery.objects.get(report=report, address="p0@region.example")
    assert retry.smtp_code == 451 and retry.due_at > timezone.now()

    deliveries_send_due(now=later(1))

    assert delivery_counts(report=report)["sent"] == 20
    assert smtp_server.handler.per_address() == {address: 1 for _n, address in people}
    assert Delivery.objects.get(pk=retry.pk).attempts == 2


def test_temporary_refusals_give_up_after_the_last_retry(
    cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    smtp_server.handler.refuse["slow@region.example"] = ("450 Mailbox busy", None)
    report = published([("S", "slow@region.example")], django_capture_on_commit_callbacks)
    for step in range(1, 12):
        deliveries_send_due(now=later(step * 300))
    delivery = Delivery.objects.get(report=report)
    assert delivery.state == DeliveryState.FAILED
    assert delivery.attempts == 9 and "Gav upp efter 9 försök" in delivery.smtp_response


def test_permanent_refusals_fail_with_the_reason_and_are_not_retried(
    cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    smtp_server.handler.refuse["gone@region.example"] = ("550 5.1.1 Mottagaren finns inte", None)
    report = published(
        [("Gone", "gone@region.example"), ("Here", "here@region.example")],
        django_capture_on_commit_callbacks,
    )
    deliveries_send_due(now=later(60))

    failed = Delivery.objects.get(report=report, address="gone@region.example")
    assert failed.state == DeliveryState.FAILED and failed.attempts == 1
    assert failed.smtp_code == 550 and "finns inte" in failed.smtp_response
    assert smtp_server.handler.per_address() == {"here@region.example": 1}


def test_a_malformed_address_fails_with_a_clear_reason_and_the_batch_goes_on(
    cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    report = published(
        [("A", "a@region.example"), ("Trasig", "trasig@@region"), ("B", "b@region.example")],
        django_capture_on_commit_callbacks,
    )
    bad = Delivery.objects.get(report=report, address="trasig@@region")
    assert bad.state == DeliveryState.FAILED and bad.smtp_response == "Ogiltig e-postadress"
    assert set(smtp_server.handler.per_address()) == {"a@region.example", "b@region.example"}


def test_the_editor_can_resend_to_the_failed_ones_only(
    cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    smtp_server.handler.refuse["full@region.example"] = ("552 Mailbox full", 1)
    report = published(
        [("Full", "full@region.example"), ("Ok", "ok@region.example")],
        django_capture_on_commit_callbacks,
    )
    assert delivery_counts(report=report)["failed"] == 1

    with django_capture_on_commit_callbacks(execute=True):
        assert deliveries_resend(report=report, by=cast["editor"]) == 1

    assert smtp_server.handler.per_address() == {"full@region.example": 1, "ok@region.example": 1}
    assert delivery_counts(report=report)["sent"] == 2
