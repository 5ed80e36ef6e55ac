"""What only a browser shows: a reader follows a footnote to its quote, and the reading,
footnote and feedback pages are accessible at 1280 and 390 px."""

import pytest

from lagesbild.reports.tests.joint import make_joint, publish
from lagesbild.testing import axe_violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reader_follows_a_footnote_to_its_quote_and_reads_the_feedback(  # type: ignore[no-untyped-def]
    live_server, page, cast
) -> None:
    joint = make_joint()
    report = publish(joint.report)
    # Anonymous: the series is public.
    page.goto(f"{live_server.url}/rapporter/{report.pk}/")
    page.get_by_role("link", name="Fotnot 1", exact=True).first.click()
    assert page.locator("#fotnot-1").is_visible()
    page.get_by_role("link", name="Citatet och var det citeras (fotnot 1)").click()
    page.wait_for_load_state()
    assert page.locator("blockquote", has_text=joint.quote_big.passage()).is_visible()
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in (
            f"/rapporter/{report.pk}/",
            f"/rapporter/{report.pk}/fotnoter/1/",
            f"/rapporter/{report.pk}/fotnoter/3/",
            f"/rapporter/{report.pk}/aterkoppling/",
        ):
            page.goto(f"{live_server.url}{path}")
            assert axe_violations(page) == [], (width, path)
            # Nothing wider than the screen: long quotes and footnotes wrap.
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (width, path)
