import pytest
from django.urls import reverse

from lagesbild.accounts.models import AuditEntry
from lagesbild.reports import services
from lagesbild.reports.models import SectionKind, Series
from lagesbild.reports.tests.helpers import (
    make_report_in_state,
    make_series_with_template,
)
from lagesbild.testing import make_link_collection, make_series, make_staff

pytestmark = [pytest.mark.django_db]


def test_an_editor_creates_a_series_and_it_is_audited(client, cast):
    staff = make_staff()
    client.force_login(cast["editor"])
    response = client.post(
        reverse("reports:series_create"),
        {"staff": staff.pk, "title": "Regional rapport VIS", "slug": "vis", "description": ""},
    )
    series = Series.objects.get(slug="vis")
    assert response["Location"] == reverse("reports:series_edit", args=["vis"])
    assert AuditEntry.objects.filter(action="series.create", object_id=str(series.pk)).exists()


def test_it_explains_a_taken_slug(client, cast):
    existing = make_series()
    client.force_login(cast["editor"])
    response = client.post(
        reverse("reports:series_create"),
        {"staff": existing.staff.pk, "title": "X", "slug": existing.slug, "description": ""},
    )
    assert response.status_code == 200
    assert "finns redan" in response.content.decode()


def test_sections_are_added_moved_and_removed_without_javascript(client, cast):
    series = make_series()
    collection = make_link_collection(series.staff)
    client.force_login(cast["editor"])
    add = reverse("reports:template_section_add", args=[series.slug])
    for heading, kind in [("Läget", "text"), ("Åtgärder", "actions"), ("Länkar", "links")]:
        client.post(
            add,
            {
                "new-heading": heading,
                "new-level": "2",
                "new-kind": kind,
                "new-body": "",
                "new-link_collection": collection.pk if kind == "links" else "",
            },
        )
    assert [t.heading for t in series.template_sections.all()] == ["Läget", "Åtgärder", "Länkar"]
    assert series.template_sections.get(heading="Länkar").link_collection == collection

    last = series.template_sections.get(heading="Länkar")
    client.post(
        reverse("reports:template_section_move", args=[series.slug, last.pk]), {"direction": "up"}
    )
    assert [t.heading for t in series.template_sections.all()] == ["Läget", "Länkar", "Åtgärder"]
    first = series.template_sections.get(heading="Läget")
    client.post(
        reverse("reports:template_section_move", args=[series.slug, first.pk]), {"direction": "up"}
    )
    assert [t.heading for t in series.template_sections.all()][0] == "Läget"

    client.post(reverse("reports:template_section_remove", args=[series.slug, first.pk]))
    assert [(t.heading, t.position) for t in series.template_sections.all()] == [
        ("Länkar", 0),
        ("Åtgärder", 1),
    ]
    actions = set(
        AuditEntry.objects.filter(object_id=str(series.pk)).values_list("action", flat=True)
    )
    assert {"series.template.add", "series.template.move", "series.template.remove"} <= actions


def test_a_standing_text_section_keeps_its_body_and_needs_no_heading(client, cast):
    series = make_series()
    client.force_login(cast["editor"])
    client.post(
        reverse("reports:template_section_add", args=[series.slug]),
        {"new-heading": "", "new-level": "2", "new-kind": "standing", "new-body": "*Fast text*"},
    )
    section = series.template_sections.get()
    assert section.kind == SectionKind.STANDING and section.body == "*Fast text*"


def test_a_text_section_needs_a_heading(client, cast):
    series = make_series()
    client.force_login(cast["editor"])
    response = client.post(
        reverse("reports:template_section_add", args=[series.slug]),
        {"new-heading": "", "new-level": "2", "new-kind": "text", "new-body": ""},
    )
    assert response.status_code == 400
    assert "Ge avsnittet en rubrik." in response.content.decode()
    assert not series.template_sections.exists()


def test_editing_a_template_section_changes_new_reports_only(client, cast):
    series = make_series_with_template()
    first = services.report_create_next(series=series, by=cast["editor"])
    template = series.template_sections.first()
    client.force_login(cast["editor"])
    client.post(
        reverse("reports:template_section_edit", args=[series.slug, template.pk]),
        {"heading": "Nytt namn", "level": "3", "kind": "text", "body": "", "link_collection": ""},
    )
    template.refresh_from_db()
    assert (template.heading, template.level) == ("Nytt namn", 3)
    assert first.sections.first().heading == "Sammanfattande lägesbild"


def test_only_an_admin_sees_the_public_toggle(client, cast):
    series = make_series()
    client.force_login(cast["editor"])
    body = client.get(reverse("reports:series_edit", args=[series.slug])).content.decode()
    assert "Öppna serien för alla" not in body
    client.force_login(cast["admin"])
    body = client.get(reverse("reports:series_edit", args=[series.slug])).content.decode()
    assert "Öppna serien för alla" in body


def test_the_start_page_shows_drafts_and_new_report_buttons_to_editors(client, cast):
    report = make_report_in_state("draft", by=cast["editor"])
    client.force_login(cast["editor"])
    body = client.get(reverse("reports:index")).content.decode()
    assert reverse("reports:report_edit", args=[report.pk]) in body
    assert "Ny rapport" in body and "Ny extra rapport" in body
    assert reverse("reports:archive", args=[report.series.slug]) in body


def test_readers_see_series_but_no_drafts(client, cast):
    report = make_report_in_state("draft", by=cast["editor"])
    client.force_login(cast["reader"])
    body = client.get(reverse("reports:index")).content.decode()
    assert report.series.title in body
    assert reverse("reports:report_edit", args=[report.pk]) not in body
    assert "Ny rapport" not in body


def test_anonymous_visitors_see_only_public_series(client, cast):
    hidden = make_series(title="Intern serie")
    assert client.get(reverse("reports:index"))["Location"].startswith(reverse("accounts:login"))
    make_series(title="Öppen serie", is_public=True)
    body = client.get(reverse("reports:index")).content.decode()
    assert "Öppen serie" in body and hidden.title not in body


def test_editing_a_series_records_what_changed(client, cast):
    series = make_series(title="Gammal titel")
    client.force_login(cast["staff_lead"])
    client.post(
        reverse("reports:series_edit", args=[series.slug]),
        {"staff": series.staff.pk, "title": "Ny titel", "slug": series.slug, "description": ""},
    )
    series.refresh_from_db()
    assert series.title == "Ny titel"
    entry = AuditEntry.objects.get(action="series.update", object_id=str(series.pk))
    assert entry.details["fields"] == ["title"] and entry.actor == cast["staff_lead"]
