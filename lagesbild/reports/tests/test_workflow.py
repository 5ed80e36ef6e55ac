import pytest
from django.urls import reverse

from lagesbild.accounts.models import AuditEntry
from lagesbild.reports import services
from lagesbild.reports.models import ReportKind, ReportState, SectionKind, SectionStatus
from lagesbild.reports.tests.helpers import (
    make_report_in_state,
    make_series_with_template,
)
from lagesbild.testing import make_action, make_link_collection

pytestmark = [pytest.mark.django_db]


def test_the_first_report_of_a_series_is_built_from_the_template(cast):
    series = make_series_with_template()
    report = services.report_create_next(series=series, by=cast["editor"])
    assert report.number == 1
    assert [s.heading for s in report.sections.all()][:2] == [
        "Sammanfattande lägesbild",
        "Kommunikativ lägesbild",
    ]
    spokes = report.sections.get(kind=SectionKind.SPOKESPERSONS)
    assert spokes.spokespersons.count() == 1


def test_the_next_report_is_a_copy_of_the_last_with_statuses_reset(cast):
    series = make_series_with_template()
    first = services.report_create_next(series=series, by=cast["editor"])
    summary = first.sections.get(heading="Sammanfattande lägesbild")
    summary.body = "- Läget är oförändrat.\n  - Detalj"
    summary.status = SectionStatus.APPROVED
    summary.assignee = cast["contributor"]
    summary.save()
    action = make_action(series.staff, title="Nyhet på intranätet")
    actions = first.sections.get(kind=SectionKind.ACTIONS)
    actions.actions.add(action)
    collection = make_link_collection(series.staff)
    first.sections.filter(kind=SectionKind.LINKS).update(link_collection=collection)

    second = services.report_create_next(series=series, by=cast["editor"], kind=ReportKind.EXTRA)

    assert second.number == 2 and second.kind == ReportKind.EXTRA
    copied = second.sections.get(heading="Sammanfattande lägesbild")
    assert copied.body == summary.body
    assert copied.assignee == cast["contributor"]
    assert copied.status == SectionStatus.TO_WRITE
    assert list(second.sections.get(kind=SectionKind.ACTIONS).actions.all()) == [action]
    assert second.sections.get(kind=SectionKind.LINKS).link_collection == collection
    assert second.sections.count() == first.sections.count()


def test_a_report_walks_from_draft_to_published_with_transitions_and_audit(cast):
    report = make_report_in_state(ReportState.DRAFT, by=cast["editor"])
    services.report_submit_for_review(report=report, by=cast["editor"], note="Klar")
    services.report_approve(report=report, by=cast["staff_lead"])
    services.report_publish(report=report, by=cast["editor"])
    report.refresh_from_db()
    assert report.state == ReportState.PUBLISHED
    assert report.published_at is not None
    moves = [(t.from_state, t.to_state, t.by) for t in report.transitions.all()]
    assert moves == [
        ("draft", "review", cast["editor"]),
        ("review", "approved", cast["staff_lead"]),
        ("approved", "published", cast["editor"]),
    ]
    actions = set(
        AuditEntry.objects.filter(object_id=str(report.pk)).values_list("action", flat=True)
    )
    assert {"report.submit", "report.approve", "report.publish"} <= actions


def test_it_refuses_to_publish_a_draft(cast):
    report = make_report_in_state(ReportState.DRAFT, by=cast["editor"])
    with pytest.raises(services.IllegalTransition, match="kan inte gå från"):
        services.report_publish(report=report, by=cast["editor"])
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    assert not report.transitions.exists()


def test_it_refuses_to_publish_a_draft_through_the_page_with_a_message(client, cast):
    report = make_report_in_state(ReportState.DRAFT, by=cast["editor"])
    client.force_login(cast["editor"])
    response = client.post(reverse("reports:report_publish", args=[report.pk]), follow=True)
    assert "kan inte gå från ”Utkast” till ”Publicerad”" in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_sending_back_requires_a_note_and_returns_to_draft(cast):
    report = make_report_in_state(ReportState.REVIEW, by=cast["editor"])
    with pytest.raises(services.ReportError):
        services.report_send_back(report=report, by=cast["staff_lead"], note="  ")
    services.report_send_back(report=report, by=cast["staff_lead"], note="Siffrorna saknas")
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    assert report.transitions.last().note == "Siffrorna saknas"


def test_publishing_from_the_command_line_is_recorded_with_a_label(cast):
    report = make_report_in_state(ReportState.APPROVED, by=cast["editor"])
    services.report_publish(report=report, by_label="kommandoraden")
    transition = report.transitions.last()
    assert transition.by is None and transition.by_label == "kommandoraden"
    entry = AuditEntry.objects.get(action="report.publish", object_id=str(report.pk))
    assert entry.actor is None and entry.actor_label == "kommandoraden"


def test_it_refuses_to_change_a_section_of_a_published_report(cast):
    report = make_report_in_state(ReportState.PUBLISHED, by=cast["editor"])
    section = report.sections.first()
    with pytest.raises(services.ReportLocked, match="publicerad"):
        services.section_save(
            section=section,
            by=cast["editor"],
            base_revision=section.revision,
            content=services.SectionContent(body="Nytt", heading=section.heading),
        )
    with pytest.raises(services.ReportLocked):
        services.section_assign(section=section, by=cast["editor"], assignee=cast["contributor"])
    with pytest.raises(services.ReportLocked):
        services.section_set_status(section=section, by=cast["editor"], status="to_write")
    section.refresh_from_db()
    assert section.body != "Nytt" and section.assignee is None


def test_the_editor_page_refuses_to_edit_a_published_section(client, cast):
    report = make_report_in_state(ReportState.PUBLISHED, by=cast["editor"])
    section = report.sections.first()
    client.force_login(cast["editor"])
    url = reverse("reports:section_edit", args=[report.pk, section.pk])
    response = client.post(
        url, {"revision": section.revision, "heading": "X", "body": "Ändrat"}, follow=True
    )
    assert "kan inte ändras" in response.content.decode()
    section.refresh_from_db()
    assert section.body != "Ändrat"


def test_the_editor_page_shows_history(client, cast):
    report = make_report_in_state(ReportState.REVIEW, by=cast["editor"])
    client.force_login(cast["staff_lead"])
    response = client.get(reverse("reports:report_edit", args=[report.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Historik" in body and "Under granskning" in body
    assert "Skapade nr 1" in body
