from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from lagesbild.accounts.models import User
from lagesbild.reports.models import Report, ReportKind, ReportSection, ReportState, SectionKind
from lagesbild.testing import (
    make_action,
    make_link_collection,
    make_report,
    make_series,
    make_spokesperson,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def published(series, **fields) -> Report:  # type: ignore[no-untyped-def]
    fields.setdefault("state", ReportState.PUBLISHED)
    return make_report(series, **fields)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_reader_sees_the_published_report_with_its_stamp_and_number(cast: dict) -> None:
    series = make_series(title="Regional rapport VIS")
    report = published(
        series,
        number=12,
        compiled_at=datetime(2025, 2, 27, 8, 30, tzinfo=STOCKHOLM),
        sections=[
            (
                "Sammanfattande lägesbild",
                "- Införandet är pausat.\n  - Vården arbetar i reservrutiner.",
            )
        ],
    )
    html = (
        client_for(cast["reader"])
        .get(reverse("reports:report_detail", args=[report.pk]))
        .content.decode()
    )
    assert "<h1" in html and html.count("<h1") == 1
    assert "Sammanställd: 2025-02-27 klockan 08.30" in html
    assert "Rapport nr 12" in html
    assert '<h2 id="sammanfattande-lagesbild">Sammanfattande lägesbild</h2>' in html
    assert html.count("<ul>") >= 2  # nested bullets survive
    assert "Utkast" not in html


@pytest.mark.django_db
def test_it_refuses_readers_a_draft_with_404(cast: dict) -> None:
    report = make_report(state=ReportState.DRAFT)
    response = client_for(cast["reader"]).get(reverse("reports:report_detail", args=[report.pk]))
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["contributor", "editor", "staff_lead", "admin"])
def test_the_staff_sees_a_draft_with_a_clear_banner(cast: dict, who: str) -> None:
    report = make_report(state=ReportState.REVIEW)
    response = client_for(cast[who]).get(reverse("reports:report_detail", args=[report.pk]))
    assert response.status_code == 200
    assert "Utkast – inte publicerad" in response.content.decode()
    assert reverse("reports:report_edit", args=[report.pk]) in response.content.decode()


@pytest.mark.django_db
def test_it_marks_an_extra_report_clearly(cast: dict) -> None:
    report = published(make_series(), kind=ReportKind.EXTRA)
    html = (
        client_for(cast["reader"])
        .get(reverse("reports:report_detail", args=[report.pk]))
        .content.decode()
    )
    assert 'class="extra-flag"' in html and "EXTRA" in html


@pytest.mark.django_db
def test_it_shows_actions_links_spokespersons_and_standing_text(cast: dict) -> None:
    series = make_series()
    staff = series.staff
    report = published(series, sections=[])
    actions = ReportSection.objects.create(
        report=report, position=0, heading="Kommunikativa åtgärder, urval", kind=SectionKind.ACTIONS
    )
    actions.actions.add(
        make_action(
            staff,
            date=datetime(2025, 2, 26).date(),
            title="Frågor och svar",
            url="https://intra.example/fs",
        )
    )
    links = ReportSection.objects.create(
        report=report,
        position=1,
        heading="Samlad information",
        level=3,
        kind=SectionKind.LINKS,
        link_collection=make_link_collection(
            staff, [("Samlingssida VIS", "https://intra.example/vis")]
        ),
    )
    assert links.pk
    speaker = ReportSection.objects.create(
        report=report, position=2, heading="Talesperson", kind=SectionKind.SPOKESPERSONS
    )
    speaker.spokespersons.add(make_spokesperson(staff, name="Eva Berg", title="regiondirektör"))
    ReportSection.objects.create(
        report=report,
        position=3,
        kind=SectionKind.STANDING,
        body="*Rapporten sammanställs av kommunikationsenheten.*",
    )
    html = (
        client_for(cast["reader"])
        .get(reverse("reports:report_detail", args=[report.pk]))
        .content.decode()
    )
    assert '26/2: <a href="https://intra.example/fs"' in html
    assert '<h3 id="samlad-information">' in html
    assert '<a href="https://intra.example/vis"' in html
    assert "Eva Berg, regiondirektör" in html
    assert "<em>Rapporten sammanställs av kommunikationsenheten.</em>" in html


@pytest.mark.django_db
def test_it_links_previous_next_changes_and_archive(cast: dict) -> None:
    series = make_series()
    first = published(series, compiled_at=datetime(2025, 2, 20, 8, 30, tzinfo=STOCKHOLM))
    middle = published(series, compiled_at=datetime(2025, 2, 24, 8, 30, tzinfo=STOCKHOLM))
    last = published(series, compiled_at=datetime(2025, 2, 27, 8, 30, tzinfo=STOCKHOLM))
    make_report(series, state=ReportState.DRAFT)  # an unpublished next report is not linked
    html = (
        client_for(cast["reader"])
        .get(reverse("reports:report_detail", args=[middle.pk]))
        .content.decode()
    )
    assert f'href="{reverse("reports:report_detail", args=[first.pk])}" rel="prev"' in html
    assert f'href="{reverse("reports:report_detail", args=[last.pk])}" rel="next"' in html
    assert reverse("reports:report_changes", args=[middle.pk]) in html
    assert reverse("reports:archive", args=[series.slug]) in html
    html = (
        client_for(cast["reader"])
        .get(reverse("reports:report_detail", args=[last.pk]))
        .content.decode()
    )
    assert 'rel="next"' not in html


@pytest.mark.django_db
def test_a_correction_says_when_and_why_and_the_old_version_points_to_it(cast: dict) -> None:
    series = make_series()
    old = published(series, number=5, published_at=datetime(2025, 2, 27, 9, 0, tzinfo=STOCKHOLM))
    new = published(
        series,
        number=5,
        version=2,
        corrects=old,
        correction_reason="Fel datum för dialogmötet.",
        published_at=datetime(2025, 2, 27, 11, 15, tzinfo=STOCKHOLM),
    )
    reader = client_for(cast["reader"])
    html = reader.get(reverse("reports:report_detail", args=[new.pk])).content.decode()
    assert "Rättad version" in html
    assert "publicerad 2025-02-27 klockan 11.15" in html
    assert "Fel datum för dialogmötet." in html
    old_html = reader.get(reverse("reports:report_detail", args=[old.pk])).content.decode()
    assert "Den här versionen har ersatts" in old_html
    assert reverse("reports:report_detail", args=[new.pk]) in old_html


@pytest.mark.django_db
def test_an_unpublished_correction_does_not_replace_the_published_version(cast: dict) -> None:
    series = make_series()
    old = published(series, number=5)
    make_report(series, number=5, version=2, corrects=old, correction_reason="x")
    html = (
        client_for(cast["reader"])
        .get(reverse("reports:report_detail", args=[old.pk]))
        .content.decode()
    )
    assert "Den här versionen har ersatts" not in html


@pytest.mark.django_db
def test_it_refuses_an_inactive_account_and_unknown_reports(cast: dict) -> None:
    report = published(make_series())
    assert (
        client_for(cast["reader"])
        .get(reverse("reports:report_detail", args=[report.pk + 999]))
        .status_code
        == 404
    )
    response = Client().get(reverse("reports:report_detail", args=[report.pk]))
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
