"""The decision basis's part of a staff meeting's agenda: new decisions and new risks."""

from datetime import datetime

from django.utils.translation import gettext as _

from lagesbild.decisions.models import Decision, Risk
from lagesbild.journal.agenda import AgendaItem, AgendaSection, agenda_contributor
from lagesbild.staff.models import Staff


@agenda_contributor
def decisions_and_risks(staff: Staff, since: datetime, until: datetime) -> list[AgendaSection]:
    decisions = Decision.objects.filter(staff=staff, recorded_at__gte=since, recorded_at__lt=until)
    risks = Risk.objects.filter(staff=staff, created_at__gte=since, created_at__lt=until)
    return [
        AgendaSection(
            _("Nya beslut"),
            [AgendaItem(d.title, d.get_absolute_url()) for d in decisions.order_by("decided_on")],
        ),
        AgendaSection(
            _("Nya risker"),
            [
                AgendaItem(f"{r.code} {r.title} ({r.level_label})", r.get_absolute_url())
                for r in risks
            ],
        ),
    ]
