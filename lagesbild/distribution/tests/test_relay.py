"""Several SMTP connections at once, within the relay's limits, and headers that stay headers."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from lagesbild.distribution.models import Delivery, DeliveryState
from lagesbild.distribution.services import deliveries_send_due, delivery_counts
from lagesbild.distribution.services.sending import _Window
from lagesbild.distribution.tests.test_faults import published
from lagesbild.lib.emails import MessageTemplate, header_value


def people(n: int) -> list[tuple[str, str]]:
    return [(f"Person {i}", f"p{i:03d}@region.example") for i in range(n)]


def test_it_sends_over_several_connections_but_never_more_than_allowed(
    cast: Any, smtp_server: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SMTP_CONNECTIONS = 4
    smtp_server.handler.delay = 0.05
    report = published(people(40), django_capture_on_commit_callbacks)

    assert delivery_counts(report=report)["sent"] == 40
    assert set(smtp_server.handler.per_address().values()) == {1}
    assert 1 < smtp_server.handler.max_active <= 4
    assert smtp_server.handler.connections <= 4


def test_it_opens_a_new_connection_after_the_relays_messages_per_connection(
    cast: Any, smtp_server: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SMTP_CONNECTIONS = 1
    settings.SMTP_MESSAGES_PER_CONNECTION = 5
    report = published(people(12), django_capture_on_commit_callbacks)

    assert delivery_counts(report=report)["sent"] == 12
    assert smtp_server.handler.connections == 3


def test_a_busy_relay_421_is_retried_soon_without_counting_against_the_recipient(
    cast: Any, smtp_server: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    smtp_server.handler.refuse["p000@region.example"] = ("421 4.7.0 För många anslutningar", 1)
    report = published(people(6), django_capture_on_commit_callbacks)

    busy = Delivery.objects.get(report=report, address="p000@region.example")
    assert busy.state == DeliveryState.QUEUED and busy.smtp_code == 421
    assert busy.attempts == 1 and busy.retry_base == 1  # not held against its retries
    assert busy.due_at <= timezone.now() + timedelta(seconds=20)

    deliveries_send_due(now=timezone.now() + timedelta(minutes=1))
    assert delivery_counts(report=report)["sent"] == 6
    assert set(smtp_server.handler.per_address().values()) == {1}


def test_after_a_refusal_it_sends_over_fewer_connections(
    cast: Any, smtp_server: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SMTP_CONNECTIONS = 8
    smtp_server.handler.delay = 0.05
    smtp_server.handler.refuse["p000@region.example"] = ("451 4.7.1 Sakta ner", 1)
    report = published(people(50), django_capture_on_commit_callbacks)

    assert delivery_counts(report=report) == {"queued": 1, "sent": 49, "failed": 0, "uncertain": 0}
    (refused,) = smtp_server.handler.refused_at
    # Messages already on their way finish within the server's delay; after that the window
    # is half the connections (one more for every 20 accepted), after a pause.
    later = [active for at, active in smtp_server.handler.data_log if at > refused + 0.4]
    assert len(later) > 12 and max(later[:12]) <= 4 and max(later) < 8


def test_the_window_halves_pauses_and_grows_back() -> None:
    window = _Window(8)
    window.shrink()
    assert window.size == 4 and 0.4 < window.paused() <= 0.5
    window.shrink()  # the same burst of refusals: no second halving during the pause
    assert window.size == 4
    window.pause_until = 0
    window.shrink()
    assert window.size == 2 and 0.9 < window.paused() <= 1.0  # the pause doubles
    for _ in range(20 * 6):
        window.grow()
    assert window.size == 8 and window.pause == 0.5
    one = _Window(1)
    one.shrink()
    assert one.size == 1


def test_line_breaks_in_a_series_title_or_a_name_do_not_make_new_headers(
    cast: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from lagesbild.distribution.services import report_publish_and_distribute
    from lagesbild.distribution.tests.helpers import (
        make_approved_report,
        make_distributed_series,
        make_list,
    )
    from lagesbild.testing import make_staff

    lst = make_list(
        make_staff(), recipients=[("Eva\r\nBcc: spion@example.com", "eva@region.example")]
    )
    series = make_distributed_series([lst], title="Rapport\r\nBcc: spion@example.com\nX-Evil: 1")
    report = make_approved_report(series, title=series.title)
    with django_capture_on_commit_callbacks(execute=True):
        report_publish_and_distribute(report=report, by_label="test")

    (received,) = smtp_server.handler.messages
    assert received.rcpt_tos == ["eva@region.example"]
    head = received.content.split(b"\r\n\r\n", 1)[0].decode()
    names = [line.split(":", 1)[0].lower() for line in head.split("\r\n") if line[:1] not in " \t"]
    assert "bcc" not in names and "x-evil" not in names
    message = received.parsed()
    assert "Bcc: spion@example.com" in message["Subject"]
    assert "Eva Bcc: spion@example.com" in str(message["To"])


def test_header_values_are_single_line_whatever_the_line_break() -> None:
    for breaker in ["\r\n", "\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\x00"]:
        assert header_value(f"a{breaker}Bcc: x") == "a Bcc: x"
    template = MessageTemplate(
        sender="lagesbild@region.example\r\nBcc: x@example.com",
        subject="Läget\nBcc: x@example.com",
        text="Hej",
        html="<p>Hej</p>",
        headers={"Content-Language": "sv\r\nBcc: x@example.com"},
    )
    message = template.personalise(address="a@region.example", name="A\rB")
    head = message.split(b"\r\n\r\n", 1)[0]
    assert not any(line.lower().startswith(b"bcc") for line in head.split(b"\r\n"))


def test_a_personalised_message_is_encoded_as_if_encoded_whole() -> None:
    from lagesbild.lib.emails import NAME_TOKEN

    text = f"Rubrik\n\nHej{NAME_TOKEN},\nRad med slutblanksteg   \n" + "lång " * 40 + "\nSlut"
    html = f"<h1>Läget</h1>\n<p>Hej{NAME_TOKEN},</p>\n<p>{'å' * 90}</p>"
    template = MessageTemplate(sender="a@region.example", subject="S", text=text, html=html)
    for name in ["Åsa", "", " " + "Väldigt Långt Namn " * 8, "Eva  "]:
        fill = f" {name}" if name else ""
        fast = template.personalise(address="a@region.example", name=name, fill=fill, date="D")
        whole = template._render_alternative(
            text.replace(NAME_TOKEN, fill), html.replace(NAME_TOKEN, fill)
        )
        assert whole in fast
