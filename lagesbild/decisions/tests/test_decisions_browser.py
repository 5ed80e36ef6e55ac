import pytest

from lagesbild.decisions.models import Decision
from lagesbild.decisions.services.options import score_set
from lagesbild.decisions.tests.helpers import (
    make_agreement,
    make_criterion,
    make_option,
    make_review,
    make_risk,
)
from lagesbild.testing import axe_violations, browser_login, make_staff


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_decision_basis_pages_are_accessible_and_fit_a_phone(live_server, page, cast) -> None:  # type: ignore[no-untyped-def]
    staff = make_staff()
    risk = make_risk(staff, cast["editor"], title="Remisser kommer bort mellan systemen")
    option = make_option(staff, "A", title="Återuppta införandet")
    make_option(staff, "B", title="Byta system")
    criterion = make_criterion(staff, "Patientsäkerhet", "3")
    score_set(
        option=option,
        criterion=criterion,
        by=cast["editor"],
        value=4,
        justification="Brister rättas först.",
        risks=[risk],
    )
    review = make_review(staff)
    review.findings.create(number=1, title="Otydlig styrning", severity="high")
    agreement = make_agreement(staff, kind="pause")
    Decision.objects.create(
        staff=staff,
        title="Paus",
        decision_text="Pausa.",
        reasons="Skäl",
        decided_on="2026-09-01",
        decided_by_body="Regionstyrelsen",
    )
    browser_login(page, live_server.url, "staff_lead")
    paths = [
        f"/beslutsunderlag/?stab={staff.slug}",
        f"/beslutsunderlag/stab/{staff.slug}/risker/",
        f"/beslutsunderlag/risk/{risk.pk}/",
        f"/beslutsunderlag/stab/{staff.slug}/vagval/",
        f"/beslutsunderlag/granskning/{review.pk}/",
        f"/beslutsunderlag/stab/{staff.slug}/beslut/nytt/",
        f"/beslutsunderlag/avtal/{agreement.pk}/",
    ]
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            assert axe_violations(page) == [], (width, path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, (width, path, overflow)
