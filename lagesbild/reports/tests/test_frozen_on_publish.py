import pytest

from lagesbild.reports import services
from lagesbild.reports.models import ReportState, SectionKind
from lagesbild.reports.rendering import report_render
from lagesbild.reports.tests.helpers import make_series_with_template
from lagesbild.testing import make_action, make_link_collection

pytestmark = [pytest.mark.django_db]


def _report_with_shared_material(cast):
    series = make_series_with_template()
    report = services.report_create_next(series=series, by=cast["editor"])
    action = make_action(series.staff, title="Nyhet om pausen")
    report.sections.get(kind=SectionKind.ACTIONS).actions.add(action)
    collection = make_link_collection(
        series.staff, [("Samlingssida", "https://intranat.example/s")]
    )
    report.sections.filter(kind=SectionKind.LINKS).update(link_collection=collection)
    return report, action, collection


def test_a_published_report_keeps_its_actions_and_links_as_they_were(cast):
    report, action, collection = _report_with_shared_material(cast)
    for move in (services.report_submit_for_review, services.report_approve):
        move(report=report, by=cast["staff_lead"])
    services.report_publish(report=report, by=cast["editor"])
    before = report_render(report).markdown()

    action.title = "Omskriven rubrik"
    action.save()
    collection.links.update(title="Ny länktext")
    spokesperson = report.series.staff.spokespersons.get()
    spokesperson.name = "Någon Annan"
    spokesperson.save()

    report.refresh_from_db()
    assert report.state == ReportState.PUBLISHED
    after = report_render(report).markdown()
    assert after == before
    assert "Nyhet om pausen" in after and "Samlingssida" in after


def test_a_draft_shows_shared_material_as_it_is_now(cast):
    report, action, _collection = _report_with_shared_material(cast)
    action.title = "Omskriven rubrik"
    action.save()
    assert "Omskriven rubrik" in report_render(report).markdown()
