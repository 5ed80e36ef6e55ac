from django import template

from lagesbild.distribution.services import delivery_counts
from lagesbild.reports.models import Report

register = template.Library()


@register.simple_tag
def report_delivery_counts(report: Report) -> dict[str, int]:
    return delivery_counts(report=report)
