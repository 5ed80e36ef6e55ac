"""Importing a house-style report: the service, and the upload page."""

from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lagesbild import testing
from lagesbild.accounts.models import AuditEntry, User
from lagesbild.communications.models import CommunicationAction, LinkCollection
from lagesbild.reports.house_style import STOCKHOLM
from lagesbild.reports.importing import ReportImportError, report_import
from lagesbild.reports.models import Report, ReportState, SectionKind, Series
from lagesbild.staff.models import Spokesperson, Staff

DATA = Path(__file__).parent / "data"
EXAMPLE = (DATA / "example.md").read_bytes()
COMPILED = datetime(2025, 3, 4, 16, 0, tzinfo=STOCKHOLM)


def test_it_imports_a_report_as_published_at_its_compiled_time(cast: dict[str, User]) -> None:
    series = testing.make_series()
    report = report_import(text=EXAMPLE, series=series, staff=None, by=cast["editor"])
    assert report.state == ReportState.PUBLISHED
    assert report.compiled_at == COMPILED and report.published_at == COMPILED
    assert (report.series, report.number, report.version) == (series, 1, 1)
    assert report.title == "Lägesrapport Exempelstaben"
    assert report.created_by == cast["editor"]


def test_it_numbers_the_import_next_in_the_series(db: None) -> None:
    series = testing.make_series()
    testing.make_report(series, number=7)
    assert report_import(text=EXAMPLE, series=series, staff=None, by=None).number == 8


def test_it_maps_each_section_to_its_kind_and_staff_records(db: None) -> None:
    series = testing.make_series()
    report = report_import(text=EXAMPLE, series=series, staff=None, by=None)
    sections = list(report.sections.all())
    assert [(s.position, s.kind, s.level) for s in sections] == [
        (0, SectionKind.TEXT, 2),
        (1, SectionKind.ACTIONS, 2),
        (2, SectionKind.LINKS, 3),
        (3, SectionKind.SPOKESPERSONS, 2),
        (4, SectionKind.STANDING, 2),
    ]
    actions = sorted((a.date, a.title, a.staff_id) for a in sections[1].actions.all())
    assert actions == [
        (date(2025, 2, 28), "Frågor och svar uppdaterade", series.staff_id),
        (date(2025, 3, 3), "Nyhet på intranätet om nästa steg", series.staff_id),
    ]
    collection = sections[2].link_collection
    assert collection is not None and collection.staff == series.staff
    assert collection.title == "Samlad information"
    assert [link.url for link in collection.links.all()] == ["https://intranat.example/samling"]
    assert [(p.name, p.title) for p in sections[3].spokespersons.all()] == [
        ("Anna Exempel", "förvaltningschef")
    ]
    assert sections[4].heading == "" and sections[4].body.startswith("*Rapporten")


def test_it_reuses_existing_actions_and_spokespersons_of_the_staff(db: None) -> None:
    series = testing.make_series()
    existing = testing.make_action(
        series.staff,
        date=date(2025, 3, 3),
        title="Nyhet på intranätet om nästa steg",
        url="https://intranat.example/nyhet",
    )
    person = testing.make_spokesperson(series.staff, name="Anna Exempel", title="chef")
    report = report_import(text=EXAMPLE, series=series, staff=None, by=None)
    actions = report.sections.get(kind=SectionKind.ACTIONS).actions.all()
    assert existing in actions
    assert CommunicationAction.objects.filter(staff=series.staff).count() == 2
    assert list(report.sections.get(kind=SectionKind.SPOKESPERSONS).spokespersons.all()) == [person]
    assert Spokesperson.objects.filter(staff=series.staff).count() == 1


def test_it_records_the_import_in_the_audit_log(cast: dict[str, User]) -> None:
    report = report_import(
        text=EXAMPLE, series=testing.make_series(), staff=None, by=None, by_label="kommandoraden"
    )
    entry = AuditEntry.objects.get(object_type="reports.report", object_id=str(report.pk))
    assert (entry.action, entry.actor_label, entry.actor) == (
        "report.import",
        "kommandoraden",
        None,
    )
    assert entry.details["sections"] == 5


def test_it_finds_the_series_by_title_in_any_letter_case(db: None) -> None:
    series = testing.make_series(title="LÄGESRAPPORT  exempelstaben")
    testing.make_staff()
    report = report_import(text=EXAMPLE, series=None, staff=None, by=None)
    assert report.series == series


def test_it_creates_the_series_in_the_only_staff(db: None) -> None:
    staff = testing.make_staff()
    report = report_import(text=EXAMPLE, series=None, staff=None, by=None, by_label="test")
    assert (report.series.title, report.series.staff) == ("Lägesrapport Exempelstaben", staff)
    assert report.series.slug == "lagesrapport-exempelstaben"
    assert AuditEntry.objects.filter(action="series.create", actor_label="test").exists()


def test_it_creates_a_staff_too_when_there_is_none(db: None) -> None:
    report = report_import(text=EXAMPLE, series=None, staff=None, by=None)
    assert Staff.objects.get() == report.series.staff


def test_it_creates_the_series_in_the_given_staff(db: None) -> None:
    testing.make_staff()
    chosen = testing.make_staff()
    report = report_import(text=EXAMPLE, series=None, staff=chosen, by=None)
    assert report.series.staff == chosen


def test_it_refuses_to_guess_between_several_staffs(db: None) -> None:
    testing.make_staff()
    testing.make_staff()
    with pytest.raises(ReportImportError, match="flera staber"):
        report_import(text=EXAMPLE, series=None, staff=None, by=None)
    assert not Series.objects.exists()


def test_it_refuses_a_series_of_another_staff(db: None) -> None:
    with pytest.raises(ReportImportError, match="hör inte till staben"):
        report_import(
            text=EXAMPLE, series=testing.make_series(), staff=testing.make_staff(), by=None
        )


def test_it_saves_nothing_when_the_file_is_bad(db: None) -> None:
    series = testing.make_series()
    bad = EXAMPLE.replace(b"- 28/2:", b"- 31/2:")
    with pytest.raises(ReportImportError) as caught:
        report_import(text=bad, series=series, staff=None, by=None)
    assert caught.value.line == 13 and str(caught.value).startswith("Rad 13:")
    assert not Report.objects.exists()
    assert not CommunicationAction.objects.exists()
    assert not LinkCollection.objects.exists()


# --- The upload page ----------------------------------------------------------------------------

URL = "/rapporter/importera/"


def upload(client: Client, content: bytes, **data: object) -> object:
    file = SimpleUploadedFile("rapport.md", content, content_type="text/markdown")
    return client.post(reverse("reports:import"), {"file": file, **data})


def test_the_upload_page_is_for_those_who_may_import(cast: dict[str, User]) -> None:
    testing.make_staff()  # rights come from membership in a staff
    client = Client()
    assert client.get(reverse("reports:import")).status_code == 302
    client.force_login(cast["contributor"])
    assert client.get(reverse("reports:import")).status_code == 403
    client.force_login(cast["editor"])
    page = client.get(reverse("reports:import"))
    assert page.status_code == 200
    assert 'for="id_file"' in page.content.decode()
    assert "Hitta eller skapa serien från rapportens titel" in page.content.decode()


def test_an_upload_imports_the_report_and_shows_it(cast: dict[str, User]) -> None:
    series = testing.make_series()
    client = Client()
    client.force_login(cast["editor"])
    response = upload(client, EXAMPLE, series=series.pk)
    report = Report.objects.get()
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert response["Location"] == reverse("reports:report_detail", args=[report.pk])  # type: ignore[index]
    assert report.series == series and report.created_by == cast["editor"]
    assert AuditEntry.objects.get(action="report.import").actor == cast["editor"]


def test_an_upload_without_series_finds_or_creates_it_from_the_title(
    cast: dict[str, User],
) -> None:
    staff = testing.make_staff()
    testing.make_staff()
    client = Client()
    client.force_login(cast["staff_lead"])
    upload(client, EXAMPLE, staff=staff.pk)
    assert Report.objects.get().series.staff == staff


def test_a_bad_upload_shows_the_error_with_its_line_and_saves_nothing(
    cast: dict[str, User],
) -> None:
    client = Client()
    client.force_login(cast["editor"])
    response = upload(
        client, EXAMPLE.replace(b"2025-03-04", b"2025-02-30"), series=testing.make_series().pk
    )
    html = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Rad 3: Datumet 2025-02-30 finns inte." in html
    assert 'role="alert"' in html
    assert not Report.objects.exists()


def test_an_upload_that_is_not_utf8_is_refused_in_swedish(cast: dict[str, User]) -> None:
    client = Client()
    client.force_login(cast["editor"])
    response = upload(client, "# Läget\n".encode("latin-1"), series=testing.make_series().pk)
    assert "Rad 1: Filen är inte UTF-8" in response.content.decode()  # type: ignore[attr-defined]
    assert not Report.objects.exists()


def test_an_upload_without_a_file_asks_for_one(cast: dict[str, User]) -> None:
    testing.make_staff()  # rights come from membership in a staff
    client = Client()
    client.force_login(cast["editor"])
    response = client.post(reverse("reports:import"), {})
    assert "Välj en fil att läsa in." in response.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_uploads_a_report_in_the_browser_and_the_pages_are_accessible(  # type: ignore[no-untyped-def]
    live_server, page, cast, tmp_path
) -> None:
    series = testing.make_series(title="Lägesrapport Exempelstaben")
    bad = tmp_path / "fel.md"
    bad.write_bytes(EXAMPLE.replace(b"2025-03-04", b"2025-02-30"))
    testing.browser_login(page, live_server.url, "editor")
    page.goto(f"{live_server.url}{reverse('reports:import')}")
    assert testing.axe_violations(page) == []
    page.get_by_label("Rapportfil (Markdown, .md)").set_input_files(str(bad))
    page.get_by_role("button", name="Läs in").click()
    page.wait_for_load_state()
    assert (
        page.get_by_role("alert").get_by_text("Rad 3: Datumet 2025-02-30 finns inte.").is_visible()
    )
    assert testing.axe_violations(page) == []
    assert not Report.objects.exists()
    good = tmp_path / "rapport.md"
    good.write_bytes(EXAMPLE)
    page.get_by_label("Rapportfil (Markdown, .md)").set_input_files(str(good))
    page.get_by_label("Serie:", exact=True).select_option(str(series.pk))
    page.get_by_role("button", name="Läs in").click()
    page.wait_for_load_state()
    report = Report.objects.get()
    assert page.url.endswith(reverse("reports:report_detail", args=[report.pk]))


def test_the_reports_page_links_to_the_upload_for_those_who_may_import(
    cast: dict[str, User],
) -> None:
    testing.make_staff()  # rights come from membership in a staff
    client = Client()
    client.force_login(cast["editor"])
    assert reverse("reports:import") in client.get(reverse("reports:index")).content.decode()
    client.force_login(cast["reader"])
    assert reverse("reports:import") not in client.get(reverse("reports:index")).content.decode()
