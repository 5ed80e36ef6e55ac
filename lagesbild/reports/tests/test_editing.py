import pytest
from django.urls import reverse

from lagesbild.accounts.models import AuditEntry
from lagesbild.reports.models import ReportState, SectionKind, SectionStatus
from lagesbild.reports.tests.helpers import (
    first_text_section,
    make_report_in_state,
)
from lagesbild.testing import make_action, make_link_collection

pytestmark = [pytest.mark.django_db]

MARKDOWN = (
    "- Nivå ett med **fet** och *kursiv*\n"
    "  - Nivå två med [länk](https://intranat.example/a)\n"
    "    - Nivå tre\n\n"
    "### Underrubrik\n"
)


@pytest.fixture
def report(cast):
    return make_report_in_state(ReportState.DRAFT, by=cast["editor"])


def _url(name, report, section):
    return reverse(f"reports:{name}", args=[report.pk, section.pk])


def test_the_editor_page_lists_sections_with_status_preview_and_what_is_missing(
    client, cast, report
):
    section = first_text_section(report)
    section.body = "- **Läget** är stabilt."
    section.save()
    client.force_login(cast["editor"])
    body = client.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    assert "<strong>Läget</strong>" in body
    assert "Sammanställd:" in body and "klockan" in body
    assert "Saknas innan rapporten är klar" in body
    # The standing text from the template counts as finished; five sections remain.
    assert '<span class="count">5</span> att skriva' in body


def test_saving_a_section_stores_markdown_bumps_revision_and_audits(client, cast, report):
    section = first_text_section(report)
    client.force_login(cast["editor"])
    response = client.post(
        _url("section_edit", report, section),
        {"revision": section.revision, "heading": section.heading, "body": MARKDOWN, "save": ""},
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.body.strip() == MARKDOWN.strip()
    assert section.revision == 2
    assert section.updated_by == cast["editor"]
    assert AuditEntry.objects.filter(action="section.save", object_id=str(section.pk)).exists()
    page = client.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    assert "<ul>" in page and "Nivå tre" in page and "<h3>Underrubrik</h3>" in page


def test_preview_renders_without_saving(client, cast, report):
    section = first_text_section(report)
    client.force_login(cast["editor"])
    response = client.post(
        _url("section_edit", report, section),
        {"revision": section.revision, "heading": "H", "body": "**Utkast**", "preview": ""},
    )
    assert response.status_code == 200
    assert "<strong>Utkast</strong>" in response.content.decode()
    section.refresh_from_db()
    assert section.body != "**Utkast**" and section.revision == 1


def test_the_htmx_preview_returns_only_the_rendered_fragment(client, cast, report):
    section = first_text_section(report)
    client.force_login(cast["editor"])
    response = client.post(
        _url("section_preview", report, section),
        {"revision": section.revision, "heading": "H", "body": "*kursivt*"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "<em>kursivt</em>" in body and "<html" not in body


def test_save_and_mark_written(client, cast, report):
    section = first_text_section(report)
    client.force_login(cast["editor"])
    client.post(
        _url("section_edit", report, section),
        {"revision": 1, "heading": section.heading, "body": "Text", "save_written": ""},
    )
    section.refresh_from_db()
    assert section.status == SectionStatus.WRITTEN


def test_changing_an_approved_section_needs_approval_again(client, cast, report):
    section = first_text_section(report)
    section.status = SectionStatus.APPROVED
    section.save()
    client.force_login(cast["editor"])
    client.post(
        _url("section_edit", report, section),
        {"revision": 1, "heading": section.heading, "body": "Ändrat", "save": ""},
    )
    section.refresh_from_db()
    assert section.status == SectionStatus.WRITTEN


def test_an_actions_section_shows_the_chosen_actions_newest_first(client, cast, report):
    from datetime import date

    staff = report.series.staff
    old = make_action(staff, date=date(2025, 2, 20), title="Äldre nyhet")
    new = make_action(staff, date=date(2025, 2, 26), title="Nyare nyhet")
    skipped = make_action(staff, date=date(2025, 2, 25), title="Inte vald")
    section = report.sections.get(kind=SectionKind.ACTIONS)
    client.force_login(cast["editor"])
    form = client.get(_url("section_edit", report, section)).content.decode()
    assert (
        form.index("26/2: Nyare nyhet")
        < form.index("25/2: Inte vald")
        < form.index("20/2: Äldre nyhet")
    )
    client.post(
        _url("section_edit", report, section),
        {"revision": 1, "heading": section.heading, "body": "", "actions": [old.pk, new.pk]},
    )
    assert set(section.actions.all()) == {old, new}
    page = client.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    assert page.index("26/2:") < page.index("20/2:")
    assert skipped.title not in page


def test_a_links_section_uses_the_chosen_collection(client, cast, report):
    collection = make_link_collection(
        report.series.staff, [("Frågor och svar", "https://x.example/faq")]
    )
    section = report.sections.get(kind=SectionKind.LINKS)
    client.force_login(cast["editor"])
    client.post(
        _url("section_edit", report, section),
        {"revision": 1, "heading": section.heading, "body": "", "link_collection": collection.pk},
    )
    section.refresh_from_db()
    assert section.link_collection == collection
    page = client.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    assert 'href="https://x.example/faq"' in page


def test_a_spokesperson_section_can_be_emptied_and_refilled(client, cast, report):
    section = report.sections.get(kind=SectionKind.SPOKESPERSONS)
    person = section.spokespersons.get()
    client.force_login(cast["editor"])
    client.post(
        _url("section_edit", report, section),
        {"revision": 1, "heading": section.heading, "body": ""},
    )
    assert not section.spokespersons.exists()
    client.post(
        _url("section_edit", report, section),
        {"revision": 2, "heading": section.heading, "body": "", "spokespersons": [person.pk]},
    )
    assert list(section.spokespersons.all()) == [person]


def test_compiled_at_and_deadline_are_editable(client, cast, report):
    client.force_login(cast["editor"])
    client.post(
        reverse("reports:report_details", args=[report.pk]),
        {"compiled_at": "2025-02-27T08:30", "deadline": "2025-02-27T07:45"},
    )
    report.refresh_from_db()
    body = client.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    assert "Sammanställd: 2025-02-27 klockan 08.30" in body
    assert "2025-02-27 klockan 07.45" in body and "deadline har passerat" in body


def test_it_explains_an_invalid_compiled_at(client, cast, report):
    client.force_login(cast["editor"])
    response = client.post(
        reverse("reports:report_details", args=[report.pk]),
        {"compiled_at": "igår", "deadline": ""},
        follow=True,
    )
    assert "Ange datum och tid" in response.content.decode()
