"""`{% records_panel %}`: the open requests with their clock, for any staff start page."""

from typing import Any

from django import template

from lagesbild.accounts.permissions import may, staffs_for
from lagesbild.records.models import RecordsRequest
from lagesbild.records.statistics import open_rows

register = template.Library()


@register.inclusion_tag("records/_panel.html", takes_context=True)
def records_panel(context: dict[str, Any], staff: Any = None) -> dict[str, Any]:
    """Usage: {% load records %}{% records_panel staff %} (or without staff: every staff)."""
    user = context["request"].user
    if staff is not None:
        requests = (
            RecordsRequest.objects.open().filter(staff=staff)
            if may(user, "read_records", staff)
            else RecordsRequest.objects.none()
        )
    else:
        requests = RecordsRequest.objects.open().filter(staff__in=staffs_for(user, "read_records"))
    rows = open_rows(requests.select_related("staff"))
    return {
        "show": may(user, "read_records", staff),
        "rows": rows,
        "overdue": sum(row.status == "overdue" for row in rows),
    }
