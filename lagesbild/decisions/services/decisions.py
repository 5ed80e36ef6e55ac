"""The decision log: recorded once, never edited; later decisions amend or revoke, linked."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.permissions import may
from lagesbild.accounts.services import audit_record
from lagesbild.decisions.models import Decision, DecisionRelation
from lagesbild.journal.models import Category
from lagesbild.journal.services.journal import journal_record
from lagesbild.search.services import search_update


@transaction.atomic
def decision_record(
    *,
    decision: Decision,
    by: User,
    decision_makers: Any = (),
    links: dict[str, Any] | None = None,
) -> Decision:
    """1. Refuse what a decision cannot lack. 2. Save it once. 3. Link what it rests on.
    4. Audit. A decision already saved is never passed here again."""
    if decision.pk is not None:
        raise ValidationError(_("Ett registrerat beslut ändras inte. Registrera ett nytt beslut."))
    makers = list(decision_makers)
    errors: dict[str, str] = {}
    if not makers and not decision.decided_by_body.strip():
        errors["decided_by_body"] = _(
            "Ange vem som fattade beslutet: beslutsfattare i staben eller ett beslutande organ."
        )
    if not decision.reasons.strip():
        errors["reasons"] = _("Skriv skälen för beslutet.")
    if decision.relation and decision.previous is None:
        errors["previous"] = _("Välj det beslut som ändras eller upphävs.")
    if decision.previous is not None and decision.previous.staff_id != decision.staff_id:
        errors["previous"] = _("Det tidigare beslutet hör till en annan stab.")
    for maker in makers:
        if not may(maker, "record_decision", decision.staff):
            errors["decision_makers"] = _("%(name)s är inte utsedd beslutsfattare i staben.") % {
                "name": maker.display_name()
            }
    if errors:
        raise ValidationError(errors)
    if decision.previous is not None and not decision.relation:
        decision.relation = DecisionRelation.AMENDS
    decision.recorded_by = by
    decision.save()
    decision.decision_makers.set(makers)
    for name, items in (links or {}).items():
        if any(item.staff.pk != decision.staff_id for item in items):
            raise ValidationError(_("Underlaget hör till en annan stab."))
        getattr(decision, name).set(items)
    search_update(obj=decision)
    journal_record(
        staff=decision.staff,
        category=Category.DECISION,
        text=_("Beslut: %(title)s") % {"title": decision.title},
        about=decision,
        by=by,
        key_event=True,
    )
    audit_record(
        actor=by,
        action="decision_recorded",
        obj=decision,
        summary=decision.title,
        details={
            "registration_number": decision.registration_number,
            "previous": decision.previous_id,
            "relation": decision.relation,
        },
    )
    return decision
