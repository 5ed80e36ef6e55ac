import pytest
from django.urls import reverse

from lagesbild.reports import services
from lagesbild.reports.models import Report, ReportState
from lagesbild.reports.tests.helpers import (
    first_text_section,
    make_report_in_state,
)

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def published(cast):
    report = make_report_in_state(ReportState.PUBLISHED, by=cast["editor"])
    return report


def test_a_correction_is_a_new_draft_version_with_the_same_number(cast, published):
    correction = services.report_correct(report=published, by=cast["editor"], reason="Fel datum")
    assert (correction.number, correction.version) == (published.number, 2)
    assert correction.state == ReportState.DRAFT
    assert correction.corrects == published
    assert correction.correction_reason == "Fel datum"
    assert correction.sections.count() == published.sections.count()


def test_the_old_version_stays_current_until_the_correction_is_published(cast, published):
    correction = services.report_correct(report=published, by=cast["editor"], reason="Fel datum")
    current = Report.objects.published().current_versions()
    assert list(current) == [published]
    published.refresh_from_db()
    assert published.superseded_by is None
    for move in (
        services.report_submit_for_review,
        services.report_approve,
        services.report_publish,
    ):
        move(report=correction, by=cast["staff_lead"])
    published.refresh_from_db()
    assert published.superseded_by == correction
    assert list(Report.objects.published().current_versions()) == [correction]
    assert published.state == ReportState.PUBLISHED  # the old text itself never changes


def test_it_refuses_a_correction_without_a_reason_or_of_a_draft(cast, published):
    with pytest.raises(services.ReportError):
        services.report_correct(report=published, by=cast["editor"], reason=" ")
    draft = make_report_in_state(ReportState.DRAFT, by=cast["editor"])
    with pytest.raises(services.IllegalTransition):
        services.report_correct(report=draft, by=cast["editor"], reason="x")
    assert Report.objects.filter(corrects__isnull=False).count() == 0


def test_it_refuses_a_second_correction_of_the_same_version(cast, published):
    services.report_correct(report=published, by=cast["editor"], reason="Ett")
    with pytest.raises(services.IllegalTransition, match="redan en rättelse"):
        services.report_correct(report=published, by=cast["editor"], reason="Två")


def test_the_editor_shows_that_a_report_is_a_correction_and_why(client, cast, published):
    client.force_login(cast["editor"])
    response = client.post(
        reverse("reports:report_correct", args=[published.pk]), {"reason": "Fel siffra i läget"}
    )
    correction = Report.objects.get(corrects=published)
    assert response["Location"] == reverse("reports:report_edit", args=[correction.pk])
    body = client.get(response["Location"]).content.decode()
    assert "Det här är en rättelse." in body and "Fel siffra i läget" in body
    section = first_text_section(correction)
    assert reverse("reports:section_edit", args=[correction.pk, section.pk]) in body


def test_the_correction_form_requires_a_reason(client, cast, published):
    client.force_login(cast["editor"])
    response = client.post(
        reverse("reports:report_correct", args=[published.pk]), {"reason": ""}, follow=True
    )
    assert "Skriv skälet till rättelsen." in response.content.decode()
    assert not Report.objects.filter(corrects=published).exists()
