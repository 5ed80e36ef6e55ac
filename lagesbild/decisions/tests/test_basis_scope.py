"""A decision basis covers a chosen subset of the options (and, if chosen, risks and findings)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lagesbild.accounts.models import AuditEntry
from lagesbild.decisions.models import BasisScope, Finding
from lagesbild.decisions.services.basis import basis_scope_set, chosen_for
from lagesbild.decisions.services.options import score_set
from lagesbild.decisions.tests.helpers import (
    client_for,
    make_criterion,
    make_option,
    make_review,
    make_risk,
)
from lagesbild.reports.models import (
    Report,
    SectionKind,
    SectionStatus,
    Series,
    SeriesKind,
    TemplateSection,
)
from lagesbild.reports.rendering import report_render
from lagesbild.reports.services.creating import report_correct, report_create_next
from lagesbild.reports.services.workflow import (
    report_approve,
    report_publish,
    report_submit_for_review,
)
from lagesbild.testing import make_other_staff, make_report, make_series, make_staff

KEYS = [
    "decisions.options",
    "decisions.risks_per_option",
    "decisions.heatmap",
    "decisions.findings",
]


def _basis(staff, by) -> Report:  # type: ignore[no-untyped-def]
    series = Series.objects.create(
        staff=staff,
        title="Beslutsunderlag",
        slug=f"underlag-{staff.pk}",
        kind=SeriesKind.DECISION_BASIS,
    )
    for position, key in enumerate(KEYS):
        TemplateSection.objects.create(
            series=series, position=position, heading=key, kind=SectionKind.COMPUTED, computed=key
        )
    return report_create_next(series=series, by=by)


def _sections(report: Report) -> dict[str, str]:
    return {s.heading: s.markdown for s in report_render(report).sections}


def _three_options(staff, by):  # type: ignore[no-untyped-def]
    """A, B and C; C scores best, so it leads whenever it is compared."""
    a, b, c = (
        make_option(staff, n, title=t)
        for n, t in [("A", "Återuppta"), ("B", "Byta"), ("C", "Stegvis")]
    )
    safety = make_criterion(staff, "Patientsäkerhet", "2")
    for option, value in [(a, 3), (b, 2), (c, 5)]:
        score_set(option=option, criterion=safety, by=by, value=value, justification="Motivering")
    return a, b, c


def _publish(report: Report, cast: dict) -> None:
    report.sections.update(status=SectionStatus.APPROVED)
    report_submit_for_review(report=report, by=cast["editor"])
    report_approve(report=report, by=cast["staff_lead"])
    report_publish(report=report, by=cast["staff_lead"])


@pytest.mark.django_db
def test_a_basis_compares_only_the_chosen_options_and_ranks_them_among_themselves(
    cast: dict,
) -> None:
    staff = make_staff()
    a, b, c = _three_options(staff, cast["editor"])
    risk = make_risk(staff, cast["editor"], title="Remisser kommer bort")
    risk.option_assessments.create(option=c, likelihood=4, consequence=4)
    risk.option_assessments.create(option=a, likelihood=2, consequence=2)
    report = _basis(staff, cast["staff_lead"])
    everything = _sections(report)
    assert "**C: Stegvis** – viktat resultat 5,00, rang 1" in everything["decisions.options"]
    basis_scope_set(report=report, by=cast["staff_lead"], options=[a, b], risks=[], findings=[])
    text = _sections(report)
    assert "**A: Återuppta** – viktat resultat 3,00, rang 1" in text["decisions.options"]
    assert "**B: Byta** – viktat resultat 2,00, rang 2" in text["decisions.options"]
    assert "Stegvis" not in text["decisions.options"]
    assert "Stegvis" not in text["decisions.risks_per_option"]
    assert "R1 Remisser kommer bort: medel (2 × 2)" in text["decisions.risks_per_option"]
    # The other options stay in the register: only this report leaves them out.
    assert staff.options.count() == 3
    entry = AuditEntry.objects.get(action="basis_scope_set", object_id=str(report.pk))
    assert entry.details["options"] == sorted([a.pk, b.pk])


@pytest.mark.django_db
def test_chosen_risks_and_findings_narrow_the_risk_picture_and_the_review(cast: dict) -> None:
    staff = make_staff()
    a = make_option(staff, "A")
    kept = make_risk(
        staff, cast["editor"], title="Remisser kommer bort", likelihood=4, consequence=4
    )
    make_risk(staff, cast["editor"], title="Utbildningen räcker inte", likelihood=3, consequence=3)
    review = make_review(staff)
    g1 = Finding.objects.create(review=review, number=1, title="Styrningen var otydlig")
    Finding.objects.create(review=review, number=2, title="Testerna var för korta")
    report = _basis(staff, cast["staff_lead"])
    assert "Utbildningen räcker inte" in _sections(report)["decisions.heatmap"]
    basis_scope_set(report=report, by=cast["staff_lead"], options=[a], risks=[kept], findings=[g1])
    text = _sections(report)
    assert "R1 Remisser kommer bort" in text["decisions.heatmap"]
    assert "Utbildningen räcker inte" not in text["decisions.heatmap"]
    assert "G1 Styrningen var otydlig" in text["decisions.findings"]
    assert "Testerna var för korta" not in text["decisions.findings"]
    # Choosing no risk again means all of them.
    basis_scope_set(report=report, by=cast["staff_lead"], options=[a], risks=[], findings=[])
    assert "Utbildningen räcker inte" in _sections(report)["decisions.heatmap"]


@pytest.mark.django_db
def test_the_choice_is_fixed_on_approval_frozen_on_publish_and_followed_by_a_correction(
    cast: dict,
) -> None:
    staff = make_staff()
    a, b, c = _three_options(staff, cast["editor"])
    report = _basis(staff, cast["staff_lead"])
    basis_scope_set(report=report, by=cast["staff_lead"], options=[a, b], risks=[], findings=[])
    _publish(report, cast)
    with pytest.raises(ValidationError, match="godkänt eller publicerat"):
        basis_scope_set(report=report, by=cast["staff_lead"], options=[c], risks=[], findings=[])
    # A crafted POST gets the same refusal, and nothing changes.
    url = reverse("decisions:basis_scope", args=[report.pk])
    client_for(cast["staff_lead"]).post(url, {"options": [c.pk]})
    assert set(BasisScope.objects.get(report=report).options.all()) == {a, b}
    report.refresh_from_db()
    published = _sections(report)
    assert "Stegvis" not in published["decisions.options"]
    correction = report_correct(report=report, by=cast["editor"], reason="Fel vikt")
    assert chosen_for(correction).option_ids == {a.pk, b.pk}
    assert chosen_for(correction).inherited_from == report
    assert "Stegvis" not in _sections(correction)["decisions.options"]
    # The correction's own choice leaves the published version as it was.
    basis_scope_set(
        report=correction, by=cast["staff_lead"], options=[a, b, c], risks=[], findings=[]
    )
    assert "Stegvis" in _sections(correction)["decisions.options"]
    assert _sections(report) == published
    assert set(BasisScope.objects.get(report=report).options.all()) == {a, b}


@pytest.mark.django_db
def test_a_changed_choice_sends_the_approved_sections_it_changes_back_to_written(
    cast: dict,
) -> None:
    staff = make_staff()
    a, b, c = _three_options(staff, cast["editor"])
    make_risk(staff, cast["editor"])
    report = _basis(staff, cast["staff_lead"])
    report.sections.update(status=SectionStatus.APPROVED)
    basis_scope_set(report=report, by=cast["staff_lead"], options=[a, b, c], risks=[], findings=[])
    # The same options as before: nothing reads differently, nothing to look at again.
    assert set(report.sections.values_list("status", flat=True)) == {SectionStatus.APPROVED}
    basis_scope_set(report=report, by=cast["staff_lead"], options=[a, b], risks=[], findings=[])
    status = dict(report.sections.values_list("computed", "status"))
    assert status["decisions.options"] == SectionStatus.WRITTEN
    assert status["decisions.heatmap"] == SectionStatus.APPROVED


@pytest.mark.django_db
def test_the_staff_lead_chooses_in_the_browser_flow_and_others_may_not(cast: dict) -> None:
    staff = make_staff()
    a, b, c = _three_options(staff, cast["editor"])
    report = _basis(staff, cast["staff_lead"])
    lead = client_for(cast["staff_lead"])
    editor_page = lead.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    assert "Vad underlaget omfattar" in editor_page
    assert "Underlaget omfattar alla 3 vägval" in editor_page
    url = reverse("decisions:basis_scope", args=[report.pk])
    assert url in editor_page
    form = lead.get(url).content.decode()
    assert form.count("checked") == 3  # every option, until someone chooses
    refused = lead.post(url, {"options": []})
    assert "Välj minst ett vägval." in refused.content.decode()
    assert not BasisScope.objects.filter(report=report).exists()
    other = make_option(make_other_staff(), "X")
    crafted = lead.post(url, {"options": [a.pk, other.pk]})
    assert crafted.status_code == 200 and not BasisScope.objects.exists()
    done = lead.post(url, {"options": [a.pk, c.pk]})
    assert done.status_code == 302 and done["Location"].startswith(
        reverse("reports:report_edit", args=[report.pk])
    )
    editor_page = lead.get(done["Location"]).content.decode()
    assert "A, C (2 av 3 vägval)" in editor_page
    assert client_for(cast["contributor"]).get(url).status_code == 403
    assert client_for(cast["other_member"]).get(url).status_code == 403
    situation = make_report(make_series(staff))
    assert lead.get(reverse("decisions:basis_scope", args=[situation.pk])).status_code == 404
    assert (
        "Vad underlaget omfattar"
        not in lead.get(reverse("reports:report_edit", args=[situation.pk])).content.decode()
    )
