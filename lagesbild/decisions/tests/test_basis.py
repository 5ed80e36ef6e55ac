import io

import pytest
from django.core.management import CommandError, call_command

from lagesbild.decisions.services.options import score_set
from lagesbild.decisions.tests.helpers import make_agreement, make_criterion, make_option, make_risk
from lagesbild.reports.models import SectionKind, SectionStatus, Series, SeriesKind, TemplateSection
from lagesbild.reports.rendering import report_render
from lagesbild.reports.services.creating import report_create_next
from lagesbild.reports.services.workflow import (
    report_approve,
    report_publish,
    report_submit_for_review,
)
from lagesbild.testing import make_report, make_series, make_staff


def _basis_series(staff) -> Series:  # type: ignore[no-untyped-def]
    series = Series.objects.create(
        staff=staff, title="Beslutsunderlag", slug="underlag", kind=SeriesKind.DECISION_BASIS
    )
    for position, key in enumerate(
        ["decisions.options", "decisions.heatmap", "decisions.agreements"]
    ):
        TemplateSection.objects.create(
            series=series, position=position, heading=key, kind=SectionKind.COMPUTED, computed=key
        )
    return series


@pytest.mark.django_db
def test_a_decision_basis_computes_its_sections_and_freezes_them_on_publish(cast: dict) -> None:
    staff = make_staff()
    a, b = make_option(staff, "A", title="Återuppta"), make_option(staff, "B", title="Byta")
    safety = make_criterion(staff, "Patientsäkerhet", "2")
    score_set(option=a, criterion=safety, by=cast["editor"], value=4, justification="Rättas först")
    score_set(option=b, criterion=safety, by=cast["editor"], value=2, justification="Lång väg")
    make_risk(staff, cast["editor"], title="Remisser kommer bort", likelihood=4, consequence=4)
    make_agreement(staff, kind="pause", title="Pausöverenskommelse")
    report = report_create_next(series=_basis_series(staff), by=cast["staff_lead"])
    assert set(report.sections.values_list("status", flat=True)) == {SectionStatus.WRITTEN}
    text = report_render(report).markdown()
    assert "**A: Återuppta** – viktat resultat 4,00, rang 1" in text
    assert "- Patientsäkerhet (vikt 2): 4 – Rättas först" in text
    assert "**Mycket hög**" in text and "R1 Remisser kommer bort" in text
    assert "**Pausöverenskommelse**" in text and "gäller tills vidare" in text
    sections = [s.markdown for s in report_render(report).sections]
    report.sections.update(status=SectionStatus.APPROVED)
    report_submit_for_review(report=report, by=cast["editor"])
    report_approve(report=report, by=cast["staff_lead"])
    report_publish(report=report, by=cast["staff_lead"])
    make_option(staff, "C", title="Stegvis")  # after publishing: the published text stays
    report.refresh_from_db()
    assert [s.markdown for s in report_render(report).sections] == sections
    out = io.StringIO()
    call_command("export_decision_basis", str(report.pk), stdout=out)
    assert out.getvalue() == report_render(report).markdown()
    assert "Stegvis" not in out.getvalue()


@pytest.mark.django_db
def test_export_decision_basis_refuses_a_situation_report(cast: dict) -> None:
    report = make_report(make_series(make_staff()))
    with pytest.raises(CommandError, match="inte ett beslutsunderlag"):
        call_command("export_decision_basis", str(report.pk), stdout=io.StringIO())


@pytest.mark.django_db
def test_a_template_section_that_computes_must_say_what(cast: dict) -> None:
    from lagesbild.reports.forms import TemplateSectionForm

    series = _basis_series(make_staff())
    form = TemplateSectionForm(
        {"heading": "Risker", "level": "2", "kind": "computed"}, series=series
    )
    assert not form.is_valid() and "computed" in form.errors
    form = TemplateSectionForm(
        {"heading": "Risker", "level": "2", "kind": "computed", "computed": "decisions.heatmap"},
        series=series,
    )
    assert form.is_valid(), form.errors
