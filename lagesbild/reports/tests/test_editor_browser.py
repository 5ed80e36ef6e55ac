"""The editor in headless Chromium: the whole way from writing to publishing, axe and phone."""

import pytest

from lagesbild.reports import services
from lagesbild.reports.models import Report, ReportState, SectionStatus
from lagesbild.reports.tests.helpers import (
    first_text_section,
    make_series_with_template,
)
from lagesbild.testing import axe_violations, browser_login

pytestmark = [pytest.mark.browser]


@pytest.fixture
def report(cast) -> Report:
    series = make_series_with_template(title="Regional rapport VIS")
    report = services.report_create_next(series=series, by=cast["editor"])
    section = first_text_section(report)
    services.section_assign(section=section, by=cast["editor"], assignee=cast["contributor"])
    return report


def _switch_user(page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    browser_login(page, base_url, username)


def test_from_contributor_to_published(live_server, page, cast, report):
    base = live_server.url
    editor_url = f"{base}/rapporter/{report.pk}/redigera/"
    section = first_text_section(report)

    browser_login(page, base, "contributor")
    page.goto(editor_url)
    page.get_by_role("link", name="Skriv Sammanfattande lägesbild").click()
    page.get_by_label("Text (Markdown)").fill(
        "- Driften är stabil.\n  - **Inga** nya störningar.\n    - Uppföljning i morgon."
    )
    page.get_by_role("button", name="Spara och markera som skriven").click()
    page.wait_for_load_state("networkidle")
    assert "är sparat" in page.content()
    section.refresh_from_db()
    assert section.status == SectionStatus.WRITTEN
    assert "<strong>Inga</strong>" in page.inner_html(f"#avsnitt-{section.pk}")

    _switch_user(page, base, "editor")
    page.goto(editor_url)
    page.get_by_role("button", name="Godkänn avsnittet Sammanfattande lägesbild").click()
    # htmx swaps the card in place; wait for the new one before reading the database.
    page.locator(f"#avsnitt-{section.pk}.status-approved").wait_for()
    section.refresh_from_db()
    assert section.status == SectionStatus.APPROVED
    page.get_by_role("button", name="Skicka för granskning", exact=True).click()
    page.wait_for_load_state("networkidle")
    report.refresh_from_db()
    assert report.state == ReportState.REVIEW

    _switch_user(page, base, "staff_lead")
    page.goto(editor_url)
    page.get_by_role("button", name="Godkänn rapporten").click()
    page.wait_for_load_state("networkidle")
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED

    _switch_user(page, base, "editor")
    page.goto(editor_url)
    page.get_by_role("link", name="Publicera…").click()
    page.get_by_role("button", name="Publicera utan e-post").click()
    page.wait_for_load_state("networkidle")
    report.refresh_from_db()
    assert report.state == ReportState.PUBLISHED
    assert "Rapporten är publicerad." in page.content()


def test_the_live_preview_follows_the_text_as_it_is_typed(live_server, page, cast, report):
    section = first_text_section(report)
    browser_login(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/rapporter/{report.pk}/redigera/avsnitt/{section.pk}/")
    page.get_by_label("Text (Markdown)").fill("Det här är *förhandsvisat*")
    page.locator("#preview em", has_text="förhandsvisat").wait_for()


def test_the_editor_pages_have_no_accessibility_violations(live_server, page, cast, report):
    section = first_text_section(report)
    browser_login(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/rapporter/{report.pk}/redigera/")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/rapporter/{report.pk}/redigera/avsnitt/{section.pk}/")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/rapporter/")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/rapporter/serier/{report.series.slug}/")
    assert axe_violations(page) == []


def test_the_editor_fits_a_phone(live_server, page, cast, report, tmp_path):
    section = first_text_section(report)
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, live_server.url, "editor")
    for path in (
        f"/rapporter/{report.pk}/redigera/",
        f"/rapporter/{report.pk}/redigera/avsnitt/{section.pk}/",
    ):
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways ({width}px)"
