from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lagesbild.accounts.models import AuditEntry
from lagesbild.decisions.models import Risk, RiskAssessment
from lagesbild.decisions.services.risks import heatmap, risk_assess, risks_moved
from lagesbild.decisions.tests.helpers import client_for, make_option, make_risk
from lagesbild.testing import make_staff


@pytest.mark.django_db
def test_it_numbers_risks_per_staff_and_opens_their_history(cast: dict) -> None:
    staff = make_staff()
    first = make_risk(staff, cast["editor"])
    second = make_risk(staff, cast["editor"], title="Medarbetare slutar")
    assert (first.number, second.number) == (1, 2)
    assert first.code == "R1"
    entry = first.assessments.get()
    assert (entry.from_likelihood, entry.likelihood, entry.consequence) == (None, 2, 3)
    assert AuditEntry.objects.filter(action="risk_created").count() == 2


@pytest.mark.django_db
def test_a_new_assessment_keeps_the_old_one_as_history(cast: dict) -> None:
    staff = make_staff()
    risk = make_risk(staff, cast["editor"])
    response = client_for(cast["editor"]).post(
        reverse("decisions:risk_assess", args=[risk.pk]),
        {"likelihood": "4", "consequence": "4", "reason": "Fler avvikelser i december."},
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.likelihood, risk.consequence) == (4, 4)
    latest = risk.assessments.first()
    assert (latest.from_likelihood, latest.from_consequence) == (2, 3)
    assert latest.reason == "Fler avvikelser i december."
    assert latest.by == cast["editor"]
    assert risk.assessments.count() == 2
    page = client_for(cast["reader"]).get(reverse("decisions:risk_detail", args=[risk.pk]))
    assert page.status_code == 403  # readers see what the staff publishes, not its register


@pytest.mark.django_db
def test_it_refuses_an_assessment_outside_the_scale_or_without_a_reason(cast: dict) -> None:
    staff = make_staff()
    risk = make_risk(staff, cast["editor"])
    client = client_for(cast["editor"])
    url = reverse("decisions:risk_assess", args=[risk.pk])
    response = client.post(url, {"likelihood": "5", "consequence": "2", "reason": "x"})
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    response = client.post(url, {"likelihood": "3", "consequence": "2", "reason": ""})
    assert response.status_code == 200
    assert risk.assessments.count() == 1
    with pytest.raises(ValidationError):
        risk_assess(risk=risk, by=cast["editor"], likelihood=0, consequence=2, reason="x")
    risk.refresh_from_db()
    assert (risk.likelihood, risk.consequence) == (2, 3)


@pytest.mark.django_db
def test_a_risk_is_assessed_per_option_without_changing_the_overall_assessment(
    cast: dict,
) -> None:
    staff = make_staff()
    risk = make_risk(staff, cast["editor"])
    change_vendor = make_option(staff, "B")
    risk_assess(
        risk=risk,
        by=cast["editor"],
        likelihood=4,
        consequence=4,
        reason="Ny upphandling",
        option=change_vendor,
    )
    risk.refresh_from_db()
    assert (risk.likelihood, risk.consequence) == (2, 3)
    per_option = risk.option_assessments.get()
    assert (per_option.option, per_option.likelihood, per_option.consequence) == (
        change_vendor,
        4,
        4,
    )
    other_staff_option = make_option(make_staff(), "X")
    with pytest.raises(ValidationError):
        risk_assess(
            risk=risk,
            by=cast["editor"],
            likelihood=1,
            consequence=1,
            reason="x",
            option=other_staff_option,
        )


@pytest.mark.django_db
def test_the_heat_map_shows_where_risks_stood_at_an_earlier_date(cast: dict) -> None:
    staff = make_staff()
    risk = make_risk(staff, cast["editor"])
    risk.assessments.update(at=timezone.make_aware(datetime(2026, 10, 1, 9)))
    risk_assess(
        risk=risk,
        by=cast["editor"],
        likelihood=4,
        consequence=3,
        reason="Sämre",
        at=timezone.make_aware(datetime(2026, 11, 20, 9)),
    )
    later = make_risk(staff, cast["editor"], title="Ny risk")
    later.assessments.update(at=timezone.make_aware(datetime(2026, 11, 25, 9)))
    risks = [Risk.objects.get(pk=risk.pk), later]
    now = heatmap(risks=risks)
    earlier = heatmap(risks=risks, at=date(2026, 11, 1))
    # Rows run from the highest likelihood (4) down; columns from consequence 1 up.
    assert now.rows[0][2].risks == [risks[0]]
    assert earlier.rows[2][2].risks == [risks[0]]
    assert later.pk not in earlier.placed
    moved = risks_moved(earlier=earlier, now=now, risks=risks)
    assert [(m["risk"].code, m["before"], m["after"]) for m in moved] == [
        ("R1", (2, 3), (4, 3)),
        ("R2", None, (2, 3)),
    ]


@pytest.mark.django_db
def test_the_register_lists_risks_overdue_for_review(cast: dict) -> None:
    staff = make_staff()
    today = timezone.localdate()
    make_risk(staff, cast["editor"], title="Försenad översyn", next_review=today - timedelta(1))
    make_risk(staff, cast["editor"], title="I tid", next_review=today + timedelta(10))
    response = client_for(cast["contributor"]).get(
        reverse("decisions:risk_list", args=[staff.slug])
    )
    assert [r.title for r in response.context["overdue"]] == ["Försenad översyn"]
    assert "1 risk har passerat sin översynsdag" in response.content.decode()


@pytest.mark.django_db
def test_creating_a_risk_from_the_form_gives_the_staff_default_areas(cast: dict) -> None:
    staff = make_staff()
    client = client_for(cast["editor"])
    url = reverse("decisions:risk_create", args=[staff.slug])
    page = client.get(url)
    assert "Patientsäkerhet" in page.content.decode()
    area = staff.consequence_areas.get(name="Patientsäkerhet")
    response = client.post(
        url,
        {
            "title": "Remisser kommer bort",
            "likelihood": "3",
            "consequence": "3",
            "owner": "Hälso- och sjukvårdsdirektör",
            "status": "open",
            "areas": [area.pk],
        },
    )
    assert response.status_code == 302
    risk = Risk.objects.get(staff=staff)
    assert list(risk.areas.all()) == [area]
    assert RiskAssessment.objects.filter(risk=risk).count() == 1
