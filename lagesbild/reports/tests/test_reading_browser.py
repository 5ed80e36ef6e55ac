from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from lagesbild.reports.models import Report, ReportKind, ReportState
from lagesbild.testing import axe_violations, browser_login, make_report, make_series

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def two_reports() -> tuple[Report, Report]:
    series = make_series(title="Regional rapport VIS")
    old = make_report(
        series,
        state=ReportState.PUBLISHED,
        compiled_at=datetime(2025, 2, 20, 8, 30, tzinfo=STOCKHOLM),
        sections=[
            ("Sammanfattande lägesbild", "- Införandet är pausat i Skaraborg.\n  - Reservrutiner."),
            ("Kommunikativ lägesbild", "Många frågor från medarbetare."),
        ],
    )
    new = make_report(
        series,
        state=ReportState.PUBLISHED,
        kind=ReportKind.EXTRA,
        compiled_at=datetime(2025, 2, 27, 8, 30, tzinfo=STOCKHOLM),
        sections=[
            (
                "Sammanfattande lägesbild",
                "- Införandet är pausat i hela regionen.\n  - Reservrutiner.",
            ),
            ("Kommunikativ lägesbild", "Många frågor från medarbetare."),
            ("Talesperson", "- Eva Berg, regiondirektör"),
        ],
    )
    return old, new


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reader_opens_a_report_and_sees_what_changed(live_server, page, cast) -> None:  # type: ignore[no-untyped-def]
    _old, new = two_reports()
    browser_login(page, live_server.url, "reader")
    page.goto(f"{live_server.url}/rapporter/{new.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Regional rapport VIS"
    assert page.get_by_text("Sammanställd: 2025-02-27 klockan 08.30").is_visible()
    page.get_by_role("link", name="Vad har ändrats").click()
    page.wait_for_load_state()
    assert page.locator("del", has_text="Skaraborg.").is_visible()
    assert page.locator("ins", has_text="hela regionen.").is_visible()
    assert page.get_by_text("Nytt avsnitt").is_visible()
    assert page.get_by_text("Oförändrad – visa texten").is_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_report_changes_and_archive_pages_have_no_accessibility_violations(  # type: ignore[no-untyped-def]
    live_server, page, cast
) -> None:
    _old, new = two_reports()
    browser_login(page, live_server.url, "reader")
    for path in (
        f"/rapporter/{new.pk}/",
        f"/rapporter/{new.pk}/andringar/",
        f"/rapporter/serie/{new.series.slug}/arkiv/",
        f"/rapporter/serie/{new.series.slug}/arkiv/?q=giraff&fran=2025-03-01&till=2025-02-01",
    ):
        page.goto(f"{live_server.url}{path}")
        assert axe_violations(page) == [], path
