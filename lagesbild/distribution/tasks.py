"""Background work: prepare a dispatch and send. Both are idempotent: claims decide who sends."""

from django_tasks import task

from lagesbild.distribution.models import Dispatch
from lagesbild.distribution.services.preparing import dispatch_prepare
from lagesbild.distribution.services.sending import deliveries_send_due, send_summary_log


@task()
def dispatch_run(dispatch_id: int) -> dict[str, int | bool]:
    """Create the dispatch's deliveries, then send what is due for its report."""
    dispatch_prepare(dispatch_id=dispatch_id)
    report_id = Dispatch.objects.values_list("report_id", flat=True).get(pk=dispatch_id)
    summary = deliveries_send_due(report_id=report_id)
    send_summary_log(summary)
    return summary.as_dict()


@task()
def deliveries_send(report_id: int) -> dict[str, int | bool]:
    """Send what is due for one report (after a resend)."""
    summary = deliveries_send_due(report_id=report_id)
    send_summary_log(summary)
    return summary.as_dict()
