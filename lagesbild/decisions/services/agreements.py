"""Agreements with the vendor and the obligations they carry."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_save
from lagesbild.decisions.models import Agreement, FollowUpStatus, Obligation
from lagesbild.search.services import search_update
from lagesbild.staff.models import Staff

# Obligations due within this many days are listed as coming up.
REMIND_DAYS = 14


@transaction.atomic
def agreement_save(*, agreement: Agreement, by: User) -> Agreement:
    audit_save(
        obj=agreement,
        by=by,
        created_action="agreement_added",
        action="agreement_changed",
        summary=agreement.title,
    )
    search_update(obj=agreement)
    return agreement


@transaction.atomic
def obligation_save(*, obligation: Obligation, by: User) -> Obligation:
    audit_save(
        obj=obligation,
        by=by,
        created_action="obligation_added",
        action="obligation_changed",
        about=obligation.agreement,
        summary=f"{obligation.party}: {obligation.description[:150]}",
    )
    search_update(obj=obligation.agreement)
    return obligation


def obligations_due(*, staff: Staff, today: date | None = None) -> list[Obligation]:
    """Open obligations that are overdue or due within REMIND_DAYS, soonest first."""
    today = today or timezone.localdate()
    return list(
        Obligation.objects.filter(
            agreement__staff=staff,
            status__in=[FollowUpStatus.PLANNED, FollowUpStatus.IN_PROGRESS],
            due_date__lte=today + timedelta(days=REMIND_DAYS),
        )
        .select_related("agreement")
        .order_by("due_date", "id")
    )
