import pytest
from django.urls import reverse

from lagesbild.accounts.models import AuditEntry
from lagesbild.reports.models import ReportState, SectionStatus
from lagesbild.reports.tests.helpers import (
    first_text_section,
    make_report_in_state,
)
from lagesbild.testing import make_user

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def report(cast):
    return make_report_in_state(ReportState.DRAFT, by=cast["editor"])


def _post(client, name, report, section, data):
    return client.post(reverse(f"reports:{name}", args=[report.pk, section.pk]), data)


def test_an_editor_assigns_a_section_to_a_contributor(client, cast, report):
    section = first_text_section(report)
    client.force_login(cast["editor"])
    _post(
        client,
        "section_assign",
        report,
        section,
        {f"s{section.pk}-assignee": cast["contributor"].pk},
    )
    section.refresh_from_db()
    assert section.assignee == cast["contributor"]
    entry = AuditEntry.objects.get(action="section.assign", object_id=str(section.pk))
    assert entry.actor == cast["editor"]


def test_it_refuses_to_assign_a_reader(client, cast, report):
    section = first_text_section(report)
    client.force_login(cast["editor"])
    _post(client, "section_assign", report, section, {f"s{section.pk}-assignee": cast["reader"].pk})
    section.refresh_from_db()
    assert section.assignee is None


def test_a_contributor_writes_only_the_sections_assigned_to_them(client, cast, report):
    mine, theirs = report.sections.filter(kind="text")[:2]
    mine.assignee = cast["contributor"]
    mine.save()
    theirs.assignee = make_user("kollega", "contributor")
    theirs.save()
    client.force_login(cast["contributor"])
    ok = _post(
        client,
        "section_edit",
        report,
        mine,
        {"revision": 1, "heading": mine.heading, "body": "Min text"},
    )
    refused = _post(
        client,
        "section_edit",
        report,
        theirs,
        {"revision": 1, "heading": theirs.heading, "body": "Intrång"},
    )
    assert ok.status_code == 302 and refused.status_code == 403
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.body == "Min text" and theirs.body != "Intrång"


def test_the_editor_page_offers_edit_links_only_for_own_sections(client, cast, report):
    mine = first_text_section(report)
    mine.assignee = cast["contributor"]
    mine.save()
    client.force_login(cast["contributor"])
    body = client.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    edit_links = (
        body.count("/redigera/avsnitt/") - body.count("/status/") - body.count("/tilldela/")
    )
    assert reverse("reports:section_edit", args=[report.pk, mine.pk]) in body
    assert edit_links == 1


def test_the_contributor_marks_written_and_the_editor_approves(client, cast, report):
    section = first_text_section(report)
    section.assignee = cast["contributor"]
    section.save()
    client.force_login(cast["contributor"])
    _post(client, "section_status", report, section, {"status": "written"})
    section.refresh_from_db()
    assert section.status == SectionStatus.WRITTEN
    refused = _post(client, "section_status", report, section, {"status": "approved"})
    assert refused.status_code == 403
    client.force_login(cast["editor"])
    _post(client, "section_status", report, section, {"status": "approved"})
    section.refresh_from_db()
    assert section.status == SectionStatus.APPROVED
    statuses = AuditEntry.objects.filter(action="section.status", object_id=str(section.pk))
    assert statuses.count() == 2


def test_a_contributor_cannot_undo_an_approval(client, cast, report):
    section = first_text_section(report)
    section.assignee = cast["contributor"]
    section.status = SectionStatus.APPROVED
    section.save()
    client.force_login(cast["contributor"])
    response = _post(client, "section_status", report, section, {"status": "to_write"})
    assert response.status_code == 403
    section.refresh_from_db()
    assert section.status == SectionStatus.APPROVED
