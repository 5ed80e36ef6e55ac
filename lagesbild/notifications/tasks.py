"""Mailing one notification through the shared SMTP path (lib/emails); safe to run twice."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from lagesbild.lib.emails import (
    MessageTemplate,
    address_problem,
    smtp_close,
    smtp_connect,
    smtp_send,
    smtp_settings_parse,
)
from lagesbild.notifications.models import MailState, Notification


def _claim(notification_id: int) -> Notification | None:
    """Move PENDING to SENDING in one statement: only one run of the task can win."""
    with transaction.atomic():
        won = Notification.objects.filter(pk=notification_id, mail_state=MailState.PENDING).update(
            mail_state=MailState.SENDING
        )
    if not won:
        return None
    return Notification.objects.select_related("user").get(pk=notification_id)


def _finish(note: Notification, state: str, response: str) -> None:
    Notification.objects.filter(pk=note.pk).update(mail_state=state, mail_response=response[:500])


@task()
def notification_mail(notification_id: int) -> str:
    """Send the notification's e-mail once; returns the final mail state."""
    note = _claim(notification_id)
    if note is None:
        return "skipped"
    address = note.user.email
    if problem := address_problem(address):
        _finish(note, MailState.FAILED, problem)
        return MailState.FAILED
    name = note.user.get_full_name() or note.user.username
    with translation.override(settings.LANGUAGE_CODE):
        subject = note.subject()
        context = {
            "note": note,
            "subject": subject,
            "details": note.details(),
            "url": settings.SITE_URL + note.url,
            "preferences_url": settings.SITE_URL + "/notiser/installningar/",
            "name": name,
        }
        message = MessageTemplate(
            sender=settings.DEFAULT_FROM_EMAIL,
            subject=subject,
            text=render_to_string("notifications/email/notification.txt", context),
            html=render_to_string("notifications/email/notification.html", context),
            headers={"Content-Language": "sv", "Auto-Submitted": "auto-generated"},
        )
    conn = None
    try:
        conn = smtp_connect(smtp_settings_parse(settings.SMTP_URL))
        outcome = smtp_send(
            conn,
            sender=settings.DEFAULT_FROM_EMAIL,
            recipient=address,
            message=message.personalise(address=address, name=name),
        )
    except OSError as exc:
        # The server could not be reached: leave it pending for the next run to try again.
        _finish(note, MailState.PENDING, str(exc))
        return MailState.PENDING
    finally:
        smtp_close(conn)
    state = MailState.SENT if outcome.kind in ("sent", "uncertain") else MailState.FAILED
    if outcome.kind == "temporary":
        state = MailState.PENDING
    _finish(note, state, outcome.response)
    return state
