"""Publishing a report sends it: dispatches, their Delivery rows, resends and counts."""

from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.distribution.models import (
    Delivery,
    DeliveryState,
    Dispatch,
    DistributionList,
    SeriesDistribution,
)
from lagesbild.reports.models import Report, ReportState


class DistributionError(Exception):
    """A refused request; the message is Swedish and shown as it is."""


def series_distribution_get(*, series_id: int) -> SeriesDistribution:
    config, _created = SeriesDistribution.objects.get_or_create(series_id=series_id)
    return config


# The tasks are found by name: tasks.py imports this module, so importing it here is a cycle.
def _enqueue_dispatch(dispatch_id: int) -> None:
    import_string("lagesbild.distribution.tasks.dispatch_run").enqueue(dispatch_id)


def _enqueue_send(report_id: int) -> None:
    import_string("lagesbild.distribution.tasks.deliveries_send").enqueue(report_id)


@transaction.atomic
def report_distribute(
    *,
    report: Report,
    by: User | None,
    by_label: str = "",
    extra_lists: Iterable[DistributionList] = (),
) -> Dispatch | None:
    """Send a published report to its series' lists plus any named; None if there are none."""
    if report.state != ReportState.PUBLISHED:
        raise DistributionError(_("Bara publicerade rapporter kan skickas."))
    config = SeriesDistribution.objects.filter(series_id=report.series_id).first()
    lists = {lst.pk: lst for lst in (config.lists.all() if config else [])}
    lists.update({lst.pk: lst for lst in extra_lists})
    if not lists:
        return None
    dispatch = Dispatch.objects.create(
        report=report,
        attach_pdf=bool(config and config.attach_pdf),
        requested_by=by,
        requested_label=by_label,
    )
    dispatch.lists.set(lists.values())
    audit_record(
        actor=by,
        actor_label=by_label,
        action="report.distribute",
        obj=report,
        summary=_("Skickas till %(lists)s")
        % {"lists": ", ".join(sorted(map(str, lists.values())))},
        details={"dispatch": dispatch.pk, "lists": sorted(lists)},
    )
    transaction.on_commit(partial(_enqueue_dispatch, dispatch.pk))
    return dispatch


@transaction.atomic
def report_publish_and_distribute(
    *,
    report: Report,
    by: User | None = None,
    by_label: str = "",
    extra_lists: Iterable[DistributionList] = (),
) -> Dispatch | None:
    """Publish an approved report and enqueue its distribution in the same transaction."""
    from lagesbild.reports.services import report_publish

    report_publish(report=report, by=by, by_label=by_label)
    return report_distribute(report=report, by=by, by_label=by_label, extra_lists=extra_lists)


COUNTED_STATES = ("queued", "sent", "failed", "uncertain")


def delivery_counts(*, report: Report) -> dict[str, int]:
    """Counts per state; reserved and in-flight deliveries count as queued."""
    counts = dict.fromkeys(COUNTED_STATES, 0)
    rows = Delivery.objects.filter(report=report).values("state").annotate(n=Count("id"))
    for row in rows:
        state = row["state"]
        if state in (DeliveryState.CLAIMED, DeliveryState.SENDING):
            state = DeliveryState.QUEUED
        counts[state] += row["n"]
    return counts


@transaction.atomic
def deliveries_resend(
    *,
    report: Report,
    by: User | None,
    states: Iterable[str] = (DeliveryState.FAILED,),
    ids: Iterable[int] | None = None,
    by_label: str = "",
) -> int:
    """Queue failed (or uncertain) deliveries again; a fresh round of retries starts."""
    states = [s for s in states if s in (DeliveryState.FAILED, DeliveryState.UNCERTAIN)]
    qs = Delivery.objects.filter(report=report, state__in=states)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    count = qs.update(
        state=DeliveryState.QUEUED, due_at=timezone.now(), retry_base=F("attempts"), claimed_by=""
    )
    if count:
        audit_record(
            actor=by,
            actor_label=by_label,
            action="report.resend",
            obj=report,
            summary=_("Skickar igen till %(n)s mottagare") % {"n": count},
            details={"states": states, "count": count},
        )
        transaction.on_commit(partial(_enqueue_send, report.pk))
    return count


@transaction.atomic
def deliveries_mark_sent(
    *, report: Report, by: User | None, ids: Iterable[int] | None = None, by_label: str = ""
) -> int:
    """The editor has checked that uncertain messages arrived: record them as sent."""
    qs = Delivery.objects.filter(report=report, state=DeliveryState.UNCERTAIN)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    who = by.display_name() if by else by_label
    count = qs.update(
        state=DeliveryState.SENT,
        sent_at=timezone.now(),
        smtp_response=_("Markerad som skickad av %(who)s") % {"who": who},
    )
    if count:
        audit_record(
            actor=by,
            actor_label=by_label,
            action="report.mark_sent",
            obj=report,
            summary=_("Markerade %(n)s osäkra utskick som skickade") % {"n": count},
        )
    return count
