from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse

from lagesbild.accounts.models import AuditEntry
from lagesbild.decisions.models import Decision, DecisionRelation
from lagesbild.decisions.services.decisions import decision_record
from lagesbild.decisions.tests.helpers import client_for, make_option, make_risk
from lagesbild.testing import make_staff


def _post(**extra: object) -> dict:
    data = {
        "title": "Införandet pausas",
        "decision_text": "Den fortsatta utrullningen pausas.",
        "reasons": "Patientsäkerheten kan inte garanteras.",
        "decided_on": "2026-11-20",
        "decided_by_body": "",
        "relation": "",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
def test_the_staff_lead_records_a_decision_with_what_it_rests_on(cast: dict) -> None:
    staff = make_staff()
    option, risk = make_option(staff, "A"), make_risk(staff, cast["editor"])
    response = client_for(cast["staff_lead"]).post(
        reverse("decisions:decision_create", args=[staff.slug]),
        _post(
            decision_makers=[cast["staff_lead"].pk],
            registration_number="RS 2026-00123",
            options=[option.pk],
            risks=[risk.pk],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    decision = Decision.objects.get()
    assert list(decision.decision_makers.all()) == [cast["staff_lead"]]
    assert list(decision.options.all()) == [option] and list(decision.risks.all()) == [risk]
    assert decision.recorded_by == cast["staff_lead"]
    assert AuditEntry.objects.filter(
        action="decision_recorded", object_id=str(decision.pk)
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "contributor", "reader"])
def test_only_decision_makers_and_the_staff_lead_record_decisions(cast: dict, role: str) -> None:
    staff = make_staff()
    response = client_for(cast[role]).post(
        reverse("decisions:decision_create", args=[staff.slug]),
        _post(decided_by_body="Regionstyrelsen"),
    )
    assert response.status_code == 403
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_decision_without_a_decision_maker_or_reasons(cast: dict) -> None:
    staff = make_staff()
    client = client_for(cast["staff_lead"])
    url = reverse("decisions:decision_create", args=[staff.slug])
    response = client.post(url, _post())
    assert "Ange vem som fattade beslutet" in response.content.decode()
    response = client.post(url, _post(decided_by_body="Regionstyrelsen", reasons=""))
    assert response.status_code == 200
    assert not Decision.objects.exists()
    with pytest.raises(ValidationError):
        decision_record(
            decision=Decision(
                staff=staff,
                title="x",
                decision_text="y",
                reasons="",
                decided_on=date(2026, 11, 1),
                decided_by_body="RS",
            ),
            by=cast["staff_lead"],
        )


@pytest.mark.django_db
def test_a_decision_is_never_edited_only_amended_by_a_linked_one(cast: dict) -> None:
    staff = make_staff()
    first = decision_record(
        decision=Decision(
            staff=staff,
            title="Paus",
            decision_text="Pausa.",
            reasons="Skäl",
            decided_on=date(2026, 9, 1),
            decided_by_body="Regionstyrelsen",
        ),
        by=cast["staff_lead"],
    )
    with pytest.raises(NoReverseMatch):
        reverse("decisions:decision_edit", args=[first.pk])
    with pytest.raises(ValidationError):
        decision_record(decision=first, by=cast["staff_lead"])
    client = client_for(cast["staff_lead"])
    response = client.post(
        reverse("decisions:decision_create", args=[staff.slug]),
        _post(
            title="Pausen förlängs",
            decided_by_body="Regionstyrelsen",
            relation="amends",
            previous=first.pk,
        ),
    )
    assert response.status_code == 302
    second = Decision.objects.get(title="Pausen förlängs")
    assert (second.previous, second.relation) == (first, DecisionRelation.AMENDS)
    assert first.superseded_by() == second
    page = client.get(reverse("decisions:decision_detail", args=[first.pk])).content.decode()
    assert "Ändrar" in page and "Pausen förlängs" in page
    superuser = cast["admin"]
    superuser.is_staff = superuser.is_superuser = True
    superuser.save()
    admin = client_for(superuser)
    assert admin.get(f"/admin/decisions/decision/{first.pk}/change/").status_code == 200
    admin.post(f"/admin/decisions/decision/{first.pk}/change/", {"title": "Ändrad"})
    admin.post(f"/admin/decisions/decision/{first.pk}/delete/", {"post": "yes"})
    first.refresh_from_db()
    assert first.title == "Paus"
    assert Decision.objects.count() == 2
