"""Background work: the escalation e-mail to the staff lead. Idempotent: sent once per request."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from lagesbild.lib.dates import short_stamp
from lagesbild.lib.emails import plain_mail_send
from lagesbild.records.models import RecordsRequest
from lagesbild.staff.models import StaffMember, StaffRole


def staff_lead_addresses(request: RecordsRequest) -> list[str]:
    """The staff's leads today; if the staff has none with an account, the request's handler."""
    today = timezone.localdate()
    members = StaffMember.objects.active_on(today).filter(
        staff_id=request.staff_id, staff_role=StaffRole.LEAD, user__is_active=True
    )
    addresses = [m.user.email for m in members.select_related("user") if m.user and m.user.email]
    if not addresses and request.handler and request.handler.email:
        addresses = [request.handler.email]
    return sorted(set(addresses))


@task()
def escalation_check(request_id: int) -> bool:
    """Run at the request's deadline: escalate it if it is still open (idempotent)."""
    from lagesbild.records.services import request_escalate

    request = RecordsRequest.objects.filter(pk=request_id).first()
    return request is not None and request_escalate(request=request)


@task()
def escalation_send(request_id: int) -> int:
    """Tell the staff lead a request has passed its deadline; returns the messages sent."""
    with transaction.atomic():
        # Claim first: a second run finds escalation_sent_at set and sends nothing.
        claimed = RecordsRequest.objects.filter(
            pk=request_id, escalation_sent_at__isnull=True, decided_at__isnull=True
        ).update(escalation_sent_at=timezone.now())
    if not claimed:
        return 0
    request = RecordsRequest.objects.select_related("staff", "handler").get(pk=request_id)
    url = settings.SITE_URL + reverse("records:request_detail", args=[request.pk])
    subject = f"Försenad begäran om allmän handling: {request.number}"
    text = (
        f"Begäran {request.number} ({request.staff.name}) inkom {short_stamp(request.received_at)} "
        f"och skulle ha beslutats senast {short_stamp(request.deadline())}.\n\n"
        f"Ålder: {request.age_hours():.1f} arbetstimmar.\n\n{url}\n"
    )
    try:
        return plain_mail_send(
            smtp_url=settings.SMTP_URL,
            sender=settings.DEFAULT_FROM_EMAIL,
            recipients=staff_lead_addresses(request),
            subject=subject,
            text=text,
        )
    except OSError:
        # Release the claim so the next records-due --eskalera run tries again.
        RecordsRequest.objects.filter(pk=request_id).update(escalation_sent_at=None)
        raise
