"""The Content Security Policy in Chromium: no violations on the pages, htmx and our JS still work."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from lagesbild.decisions.tests.helpers import make_risk
from lagesbild.experiences.tests.helpers import make_source, make_web_question
from lagesbild.reports import services
from lagesbild.reports.tests.helpers import first_text_section, make_series_with_template
from lagesbild.testing import browser_login

pytestmark = [pytest.mark.browser]


def _violations(page: Any) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return found


def test_pages_load_without_csp_violations_and_htmx_still_previews(
    live_server: Any, page: Any, cast: dict
) -> None:
    cache.clear()
    violations = _violations(page)
    series = make_series_with_template(title="Regional rapport VIS")
    report = services.report_create_next(series=series, by=cast["editor"])
    section = first_text_section(report)
    question = make_web_question()
    source = make_source(question.collection, text="Inloggningen tar tio minuter varje morgon.")
    staff = series.staff
    make_risk(staff, cast["staff_lead"])
    base = live_server.url

    page.goto(f"{base}/erfarenheter/fraga/{question.slug}/")
    page.get_by_role("heading", level=1).wait_for()
    browser_login(page, base, "editor")
    for path in [
        "/rapporter/",
        f"/rapporter/{report.pk}/redigera/",
        f"/erfarenheter/{question.collection.slug}/",
        f"/erfarenheter/{question.collection.slug}/kallor/{source.pk}/",
        "/finns-inte/",
        "/beslutsunderlag/",
        f"/beslutsunderlag/stab/{staff.slug}/risker/",
    ]:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    # htmx (our static script) sends the live preview under the policy.
    page.goto(f"{base}/rapporter/{report.pk}/redigera/avsnitt/{section.pk}/")
    page.get_by_label("Text (Markdown)").fill("Det här är *förhandsvisat*.")
    page.locator("#preview em", has_text="förhandsvisat").wait_for()
    assert violations == []
