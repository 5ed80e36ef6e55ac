"""Editing a follow-up — a mitigation, a finding's action or an obligation — in one place."""

from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import check_staff, require
from lagesbild.accounts.services import audit_record
from lagesbild.decisions.forms import FindingActionForm, MitigationForm, ObligationForm
from lagesbild.decisions.models import FindingAction, Mitigation, Obligation
from lagesbild.staff.pages import actor, form_flow, get_object_or_404

# kind in the URL → (model, form, the parent it belongs to, the parent's detail page)
KINDS: dict[str, tuple[Any, Any, str, str]] = {
    "riskatgard": (Mitigation, MitigationForm, "risk", "decisions:risk_detail"),
    "granskningsatgard": (FindingAction, FindingActionForm, "finding", "decisions:finding_detail"),
    "atagande": (Obligation, ObligationForm, "agreement", "decisions:agreement_detail"),
}


@require("prepare_decisions")
def followup_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    model, form_class, parent_name, detail_name = KINDS[kind]
    item = get_object_or_404(model, pk=pk)
    parent = getattr(item, parent_name)
    check_staff(request, "prepare_decisions", parent.staff)
    form = form_class(request.POST or None, instance=item)

    @transaction.atomic
    def save() -> None:
        form.save()
        audit_record(
            actor=actor(request),
            action=f"{model._meta.model_name}_changed",
            obj=parent,
            summary=item.description[:200],
            details={"fields": form.changed_data},
        )

    return form_flow(
        request,
        form,
        save=save,
        message=_("Ändringarna är sparade."),
        then=reverse(detail_name, args=[parent.pk]),
        title=_("Redigera åtgärd"),
        staff=parent.staff,
    )
