"""The decision basis's panel on the start page: obligations, actions and risk reviews due."""

from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import staffs_for
from lagesbild.decisions.models import FindingAction, FollowUpStatus, Obligation, Risk
from lagesbild.journal.today import TodayItem, TodayPanel, today_contributor

SOON_DAYS = 7


@today_contributor
def due_in_the_decision_basis(user: Any, today: date) -> list[TodayPanel]:
    staffs = staffs_for(user, "prepare_decisions")
    soon = today + timedelta(days=SOON_DAYS)
    open_states = [FollowUpStatus.PLANNED, FollowUpStatus.IN_PROGRESS]
    items = []
    for o in Obligation.objects.filter(
        agreement__staff__in=staffs, status__in=open_states, due_date__lte=soon
    ).select_related("agreement")[:6]:
        flag = _("försenad") if o.due_date < today else ""
        items.append(
            TodayItem(
                f"{o.party}: {o.description[:100]}",
                o.agreement.get_absolute_url(),
                flag,
                f"{o.agreement.title} · {o.due_date:%-d/%-m}",
            )
        )
    for a in FindingAction.objects.filter(
        finding__review__staff__in=staffs, status__in=open_states, due_date__lte=soon
    ).select_related("finding")[:6]:
        flag = _("försenad") if a.due_date < today else ""
        items.append(
            TodayItem(
                a.description[:100],
                a.finding.get_absolute_url(),
                flag,
                f"{a.finding.code} · {a.owner} · {a.due_date:%-d/%-m}",
            )
        )
    for r in Risk.objects.filter(staff__in=staffs).review_overdue(today)[:6]:
        items.append(
            TodayItem(
                _("Se över %(risk)s") % {"risk": f"{r.code} {r.title}"},
                r.get_absolute_url(),
                _("översyn"),
                r.owner,
            )
        )
    return [TodayPanel(_("Beslutsunderlaget: det som förfaller"), items, order=40)]
