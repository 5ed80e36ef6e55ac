"""The report cycle in Chromium, each role in turn: few clicks, no reload for section moves."""

from typing import Any

import pytest

from lagesbild.distribution.models import SeriesDistribution
from lagesbild.distribution.tests.conftest import smtp_server  # noqa: F401
from lagesbild.distribution.tests.helpers import make_list
from lagesbild.reports import services
from lagesbild.reports.models import Report, ReportState, SectionStatus
from lagesbild.reports.tests.helpers import first_text_section, make_series_with_template
from lagesbild.testing import axe_violations, browser_login

pytestmark = [pytest.mark.browser]

# The walk as the issue counted it before this work: 14 clicks.
CLICKS_BEFORE = 14


@pytest.fixture
def report(cast: Any) -> Report:
    series = make_series_with_template(title="Regional rapport VIS")
    lst = make_list(series.staff, "Politisk ledning", recipients=[("P", "p@region.example")])
    SeriesDistribution.objects.create(series=series).lists.set([lst])
    report = services.report_create_next(series=series, by=cast["editor"])
    services.section_assign(
        section=first_text_section(report), by=cast["editor"], assignee=cast["contributor"]
    )
    # Everything but the contributor's section is done already.
    report.sections.exclude(pk=first_text_section(report).pk).update(status=SectionStatus.APPROVED)
    return report


class Clicks:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, locator: Any) -> None:
        self.count += 1
        locator.click()


def _as(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    browser_login(page, base, username)


def test_each_role_walks_the_cycle_in_half_the_clicks_without_reloads(
    live_server: Any,
    page: Any,
    cast: Any,
    report: Report,
    smtp_server: Any,  # noqa: F811
) -> None:
    base = live_server.url
    editor_url = f"{base}/rapporter/{report.pk}/redigera/"
    section = first_text_section(report)
    click = Clicks()

    # The contributor finds their section on the start page and writes it.
    _as(page, base, "contributor")
    page.goto(f"{base}/rapporter/")
    click(page.get_by_role("link", name="Skriv Sammanfattande lägesbild"))
    page.get_by_label("Text (Markdown)").fill("- Driften är **stabil**.")
    click(page.get_by_role("button", name="Spara och markera som skriven"))
    page.wait_for_load_state("networkidle")
    section.refresh_from_db()
    assert section.status == SectionStatus.WRITTEN

    # The editor approves the section in place and submits from the bar at the top.
    _as(page, base, "editor")
    page.goto(editor_url)
    page.evaluate("window.__notReloaded = true")
    click(page.get_by_role("button", name="Godkänn avsnittet Sammanfattande lägesbild"))
    page.locator(f"#avsnitt-{section.pk}.status-approved").wait_for()
    assert page.evaluate("window.__notReloaded === true"), "approving a section reloaded the page"
    page.locator("#cycle-bar", has_text="0 väntar på godkännande").wait_for()
    section.refresh_from_db()
    assert section.status == SectionStatus.APPROVED
    click(page.locator("#cycle-bar").get_by_role("button", name="Skicka för granskning"))
    page.wait_for_load_state("networkidle")
    report.refresh_from_db()
    assert report.state == ReportState.REVIEW
    # The staff lead was told by e-mail, with a link to the editor.
    [waiting] = [m.parsed() for m in smtp_server.handler.to("staff_lead@example.se")]
    assert "väntar på ditt godkännande" in waiting["Subject"]

    # The staff lead follows the link and approves from the top of the page.
    _as(page, base, "staff_lead")
    page.goto(editor_url)
    click(page.locator("#cycle-bar").get_by_role("button", name="Godkänn rapporten"))
    page.wait_for_load_state("networkidle")
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED

    # The editor publishes after seeing who will get it.
    _as(page, base, "editor")
    page.goto(editor_url)
    click(page.get_by_role("link", name="Publicera…"))
    assert "Politisk ledning" in page.content()
    click(page.get_by_role("button", name="Publicera och skicka till 1 mottagare"))
    page.wait_for_load_state("networkidle")
    report.refresh_from_db()
    assert report.state == ReportState.PUBLISHED
    assert click.count <= CLICKS_BEFORE // 2, f"{click.count} clicks"
    assert smtp_server.handler.to("p@region.example")


def test_sending_a_section_back_with_a_note_happens_in_place(
    live_server: Any,
    page: Any,
    cast: Any,
    report: Report,
    smtp_server: Any,  # noqa: F811
) -> None:
    section = first_text_section(report)
    services.section_set_status(section=section, by=cast["contributor"], status="written")
    browser_login(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/rapporter/{report.pk}/redigera/")
    page.evaluate("window.__notReloaded = true")
    card = page.locator(f"#avsnitt-{section.pk}")
    card.locator("summary").click()
    card.get_by_label("Vad behöver ändras?").fill("Lägg till remisskön.")
    card.get_by_role("button", name="Skicka tillbaka").click()
    page.locator(f"#avsnitt-{section.pk}.status-to_write").wait_for()
    assert page.evaluate("window.__notReloaded === true")
    [mail] = [m.parsed() for m in smtp_server.handler.to("contributor@example.se")]
    assert "Lägg till remisskön." in mail.get_body(("plain",)).get_content()


def test_the_new_pages_have_no_accessibility_violations(
    live_server: Any, page: Any, cast: Any, report: Report
) -> None:
    browser_login(page, live_server.url, "contributor")
    for path in ("/rapporter/", f"/rapporter/{report.pk}/redigera/", "/notiser/installningar/"):
        page.goto(live_server.url + path)
        assert axe_violations(page) == [], path
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/rapporter/", f"/rapporter/{report.pk}/redigera/", "/notiser/"):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path


def test_list_pages_fit_a_phone_and_the_dashboard_shows_its_total(
    live_server: Any, page: Any, db: None
) -> None:
    """On the demo's own data, where these pages scrolled sideways before."""
    from lagesbild.accounts.models import User
    from lagesbild.demo.scenario import load_scenario
    from lagesbild.distribution.models import DistributionList
    from lagesbild.testing import PASSWORD

    load_scenario()
    editor = User.objects.get(username="redaktor")
    editor.set_password(PASSWORD)
    editor.save()
    browser_login(page, live_server.url, "redaktor")
    page.set_viewport_size({"width": 390, "height": 844})
    lst = DistributionList.objects.first()
    assert lst is not None
    for path in ("/kommunikation/", "/utskick/", f"/utskick/listor/{lst.pk}/"):
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways ({width}px)"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/erfarenheter/erfarenheter-vis/")
    total = page.locator("table.dash-table th", has_text="Totalt").first.bounding_box()
    wrap = page.locator(".table-wrap", has=page.locator("table.dash-table")).first.bounding_box()
    assert total is not None and wrap is not None
    assert total["x"] + total["width"] <= wrap["x"] + wrap["width"] + 1
