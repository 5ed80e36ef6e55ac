import pytest
from django.test import Client
from django.urls import reverse

from lagesbild.reports import services
from lagesbild.reports.models import ReportState
from lagesbild.reports.tests.helpers import (
    first_text_section,
    make_report_in_state,
)

pytestmark = [pytest.mark.django_db]


def test_the_second_save_from_the_same_revision_is_refused_and_nothing_is_overwritten(cast):
    report = make_report_in_state(ReportState.DRAFT, by=cast["editor"])
    section = first_text_section(report)
    base = section.revision
    services.section_save(
        section=section,
        by=cast["editor"],
        base_revision=base,
        content=services.SectionContent(body="Först", heading=section.heading),
    )
    with pytest.raises(services.SectionConflict) as conflict:
        services.section_save(
            section=section,
            by=cast["staff_lead"],
            base_revision=base,
            content=services.SectionContent(body="Sen", heading=section.heading),
        )
    assert conflict.value.current.body == "Först"
    section.refresh_from_db()
    assert section.body == "Först" and section.revision == base + 1


def test_two_people_editing_one_section_both_versions_are_shown(cast):
    report = make_report_in_state(ReportState.DRAFT, by=cast["editor"])
    section = first_text_section(report)
    url = reverse("reports:section_edit", args=[report.pk, section.pk])
    editor, lead = Client(), Client()
    editor.force_login(cast["editor"])
    lead.force_login(cast["staff_lead"])
    # Both open the form at the same revision.
    assert 'name="revision" value="1"' in editor.get(url).content.decode()
    assert 'name="revision" value="1"' in lead.get(url).content.decode()

    first = editor.post(
        url, {"revision": 1, "heading": section.heading, "body": "Redaktörens text", "save": ""}
    )
    assert first.status_code == 302
    second = lead.post(
        url, {"revision": 1, "heading": section.heading, "body": "Stabschefens text", "save": ""}
    )

    assert second.status_code == 409
    page = second.content.decode()
    assert "Någon annan har sparat avsnittet" in page
    assert "Redaktörens text" in page  # theirs, as saved
    assert "Stabschefens text" in page  # mine, kept in the textarea
    assert "<p>Stabschefens text</p>" in page  # and mine rendered, to compare
    assert 'name="revision" value="2"' in page
    section.refresh_from_db()
    assert section.body == "Redaktörens text"

    # After merging, saving again from the new revision succeeds.
    merged = lead.post(
        url,
        {
            "revision": 2,
            "heading": section.heading,
            "body": "Redaktörens text\n\nStabschefens text",
            "save": "",
        },
    )
    assert merged.status_code == 302
    section.refresh_from_db()
    assert section.body.endswith("Stabschefens text") and section.revision == 3
