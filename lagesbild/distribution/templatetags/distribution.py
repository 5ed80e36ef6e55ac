from collections.abc import Iterable

from django import template

from lagesbild.distribution.models import Delivery, DeliveryState
from lagesbild.distribution.services import delivery_counts
from lagesbild.lib.emails import address_problem
from lagesbild.reports.models import Report

register = template.Library()


@register.simple_tag
def report_delivery_counts(report: Report) -> dict[str, int]:
    return delivery_counts(report=report)


@register.filter
def retryable(problems: Iterable[Delivery]) -> int:
    """Failed deliveries worth trying again as they are: the address itself is not invalid."""
    return sum(
        1 for d in problems if d.state == DeliveryState.FAILED and not address_problem(d.address)
    )
