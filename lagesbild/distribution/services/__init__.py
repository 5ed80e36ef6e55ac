"""Distribution services: lists and imports, dispatching reports, and the sending loop."""

from lagesbild.distribution.services.dispatching import (
    DistributionError,
    deliveries_mark_sent,
    deliveries_resend,
    delivery_counts,
    report_distribute,
    report_publish_and_distribute,
    series_distribution_get,
)
from lagesbild.distribution.services.preparing import dispatch_prepare, dispatches_unprepared
from lagesbild.distribution.services.senders import deliveries_recover
from lagesbild.distribution.services.sending import deliveries_send_due

__all__ = [
    "DistributionError",
    "deliveries_mark_sent",
    "deliveries_recover",
    "deliveries_resend",
    "deliveries_send_due",
    "delivery_counts",
    "dispatch_prepare",
    "dispatches_unprepared",
    "report_distribute",
    "report_publish_and_distribute",
    "series_distribution_get",
]
