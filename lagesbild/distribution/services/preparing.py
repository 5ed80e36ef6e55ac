"""Turning a dispatch into Delivery rows: one per unique address, safe to run twice."""

from django.utils import timezone

from lagesbild.distribution.models import Delivery, Dispatch, Recipient

CHUNK = 1000


def dispatch_prepare(*, dispatch_id: int) -> int:
    """Create one Delivery per unique address on the dispatch's lists; safe to run twice."""
    dispatch = Dispatch.objects.get(pk=dispatch_id)
    if dispatch.prepared_at is not None:
        return 0
    recipients = (
        Recipient.objects.filter(distribution_list__in=dispatch.lists.all())
        .order_by("id")
        .values_list("email", "name", "organisation")
    )
    created = 0
    chunk: list[Delivery] = []
    now = timezone.now()
    for email, name, organisation in recipients.iterator(chunk_size=CHUNK):
        chunk.append(
            Delivery(
                report_id=dispatch.report_id,
                dispatch=dispatch,
                address=email.strip().lower(),
                name=name,
                organisation=organisation,
                attach_pdf=dispatch.attach_pdf,
                due_at=now,
                created_at=now,
            )
        )
        if len(chunk) >= CHUNK:
            # The unique (report, address) constraint makes duplicates and re-runs no-ops.
            created += len(Delivery.objects.bulk_create(chunk, ignore_conflicts=True))
            chunk = []
    if chunk:
        created += len(Delivery.objects.bulk_create(chunk, ignore_conflicts=True))
    Dispatch.objects.filter(pk=dispatch.pk, prepared_at__isnull=True).update(prepared_at=now)
    return created


def dispatches_unprepared() -> list[int]:
    return list(Dispatch.objects.filter(prepared_at__isnull=True).values_list("pk", flat=True))
