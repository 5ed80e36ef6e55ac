"""Requests for public documents on the start page: open ones, oldest first, with their clock."""

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import staffs_for
from lagesbild.journal.today import TodayItem, TodayPanel, today_contributor
from lagesbild.records import clock
from lagesbild.records.models import RecordsRequest


@today_contributor
def open_requests(user: Any, today: date) -> list[TodayPanel]:
    now = timezone.now()
    requests = (
        RecordsRequest.objects.open()
        .filter(staff__in=staffs_for(user, "read_records"))
        .order_by("received_at")[:8]
    )
    items = []
    for r in requests:
        status = r.clock_status(now)
        flag = {clock.OVERDUE: _("försenad"), clock.WARNING: _("i dag")}.get(status, "")
        deadline = timezone.localtime(r.deadline())
        items.append(
            TodayItem(
                f"{r.number}: {r.description[:90]}",
                reverse("records:request_detail", args=[r.pk]),
                flag,
                _("%(hours)s arbetstimmar · senast %(at)s")
                % {
                    "hours": f"{r.age_hours(now):.1f}".replace(".", ","),
                    "at": f"{deadline:%-d/%-m %H.%M}",
                },
            )
        )
    return [
        TodayPanel(
            _("Begäran om allmän handling"),
            items,
            order=3,
            link=reverse("records:index"),
            link_text=_("Alla öppna begäranden"),
        )
    ]
