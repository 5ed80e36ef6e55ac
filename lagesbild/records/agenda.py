"""Requests for public documents on a staff meeting's agenda: open ones, oldest first."""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.journal.agenda import AgendaItem, AgendaSection, agenda_contributor
from lagesbild.records import clock
from lagesbild.records.models import RecordsRequest
from lagesbild.staff.models import Staff


@agenda_contributor
def open_requests(staff: Staff, since: datetime, until: datetime) -> list[AgendaSection]:
    now = timezone.now()
    items = []
    for r in RecordsRequest.objects.open().filter(staff=staff).order_by("received_at")[:12]:
        late = r.clock_status(now) == clock.OVERDUE
        deadline = timezone.localtime(r.deadline())
        items.append(
            AgendaItem(
                f"{r.number}: {r.description[:100]} ({_('senast')} {deadline:%-d/%-m %H.%M})",
                reverse("records:request_detail", args=[r.pk]),
                _("försenad") if late else "",
            )
        )
    return [AgendaSection(_("Öppna begäranden om allmän handling"), items)]
