from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lagesbild.decisions.models import Criterion, Score
from lagesbild.decisions.services.options import matrix_build, score_set
from lagesbild.decisions.tests.helpers import (
    client_for,
    make_criterion,
    make_option,
    make_review,
    make_risk,
)
from lagesbild.testing import make_staff


def _score(option, criterion, value, by) -> None:  # type: ignore[no-untyped-def]
    score_set(option=option, criterion=criterion, by=by, value=value, justification="Motivering")


@pytest.mark.django_db
def test_the_matrix_ranks_options_by_weighted_score(cast: dict) -> None:
    staff = make_staff()
    a, b = make_option(staff, "A"), make_option(staff, "B")
    safety = make_criterion(staff, "Patientsäkerhet", "3")
    cost = make_criterion(staff, "Kostnad", "1")
    for option, criterion, value in [(a, safety, 4), (a, cost, 1), (b, safety, 2), (b, cost, 5)]:
        _score(option, criterion, value, cast["editor"])
    matrix = matrix_build(staff=staff)
    totals = {row.option.short_name: row.total for row in matrix.rows}
    # A: (3*4 + 1*1) / 4 = 3.25; B: (3*2 + 1*5) / 4 = 2.75
    assert totals == {"A": Decimal("3.25"), "B": Decimal("2.75")}
    assert [o.short_name for o in matrix.ranking] == ["A", "B"]
    assert matrix.complete
    assert matrix.shifts == []


@pytest.mark.django_db
def test_sensitivity_names_the_weight_whose_move_changes_the_ranking(cast: dict) -> None:
    staff = make_staff()
    a, b = make_option(staff, "A"), make_option(staff, "B")
    safety = make_criterion(staff, "Patientsäkerhet", "1.1")
    cost = make_criterion(staff, "Kostnad", "1")
    # A - B = (1.1 * 1 - 1 * 1) / 2.1 > 0: A leads only while safety outweighs cost.
    for option, criterion, value in [(a, safety, 5), (a, cost, 1), (b, safety, 4), (b, cost, 2)]:
        _score(option, criterion, value, cast["editor"])
    matrix = matrix_build(staff=staff)
    assert [o.short_name for o in matrix.ranking] == ["A", "B"]
    shifted = {
        (s.criterion.name, s.direction): [o.short_name for o in s.ranking] for s in matrix.shifts
    }
    assert shifted == {("Patientsäkerhet", -1): ["B", "A"], ("Kostnad", 1): ["B", "A"]}
    page = client_for(cast["reader"]).get(reverse("decisions:matrix", args=[staff.slug]))
    assert page.status_code == 403
    page = client_for(cast["contributor"]).get(reverse("decisions:matrix", args=[staff.slug]))
    assert "Rangordningen ändras när en vikt flyttas ±20 %" in page.content.decode()


@pytest.mark.django_db
def test_it_refuses_a_score_outside_the_scale_and_saves_nothing(cast: dict) -> None:
    staff = make_staff()
    option, criterion = make_option(staff, "A"), make_criterion(staff, "Tid")
    url = reverse("decisions:score_edit", args=[option.pk, criterion.pk])
    response = client_for(cast["editor"]).post(url, {"value": "9", "justification": "Bra"})
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    with pytest.raises(ValidationError):
        _score(option, criterion, 0, cast["editor"])
    assert not Score.objects.exists()


@pytest.mark.django_db
def test_a_score_links_to_its_evidence_and_the_evidence_shows_who_cites_it(cast: dict) -> None:
    staff = make_staff()
    option, criterion = make_option(staff, "A"), make_criterion(staff, "Patientsäkerhet")
    risk = make_risk(staff, cast["editor"])
    finding = make_review(staff).findings.create(number=1, title="Otydlig styrning")
    client = client_for(cast["editor"])
    response = client.post(
        reverse("decisions:score_edit", args=[option.pk, criterion.pk]),
        {
            "value": "3",
            "justification": "Brister rättas",
            "risks": [risk.pk],
            "findings": [finding.pk],
        },
    )
    assert response.status_code == 302
    score = Score.objects.get()
    assert list(score.risks.all()) == [risk] and list(score.findings.all()) == [finding]
    page = client.get(reverse("decisions:risk_detail", args=[risk.pk])).content.decode()
    assert "Citeras av" in page and reverse("decisions:option_detail", args=[option.pk]) in page
    other_risk = make_risk(make_staff(), cast["editor"])
    with pytest.raises(ValidationError):
        score_set(
            option=option,
            criterion=criterion,
            by=cast["editor"],
            value=2,
            justification="x",
            risks=[other_risk],
        )


@pytest.mark.django_db
def test_it_refuses_weights_that_sum_to_zero(cast: dict) -> None:
    staff = make_staff()
    client = client_for(cast["editor"])
    response = client.post(
        reverse("decisions:criterion_create", args=[staff.slug]),
        {"name": "Kostnad", "weight": "0", "position": "0"},
    )
    assert response.status_code == 200
    assert "Vikterna kan inte summera till noll" in response.content.decode()
    assert not Criterion.objects.exists()
