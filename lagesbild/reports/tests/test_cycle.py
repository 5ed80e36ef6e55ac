"""The editor's picture of the cycle: whose, status, changed or not, moves in place, defaults."""

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from lagesbild.reports import services
from lagesbild.reports.models import ReportState, SectionStatus
from lagesbild.reports.services.creating import default_deadline
from lagesbild.reports.tests.helpers import (
    first_text_section,
    make_report_in_state,
    make_series_with_template,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def second(cast: Any) -> Any:
    """Report nr 2, copied from a published nr 1 whose summary had text."""
    series = make_series_with_template(title="Regional rapport VIS")
    first = services.report_create_next(series=series, by=cast["editor"])
    summary = first_text_section(first)
    services.section_save(
        section=summary,
        by=cast["editor"],
        base_revision=summary.revision,
        content=services.SectionContent(body="- Läget är stabilt.", heading=summary.heading),
    )
    for step in (
        services.report_submit_for_review,
        services.report_approve,
        services.report_publish,
    ):
        step(report=first, by=cast["staff_lead"])
    report = services.report_create_next(series=series, by=cast["editor"])
    services.section_assign(
        section=first_text_section(report), by=cast["editor"], assignee=cast["contributor"]
    )
    return report


def test_the_editor_page_says_whether_each_section_changed_since_the_last_report(
    client: Any, cast: Any, second: Any
) -> None:
    client.force_login(cast["editor"])
    url = f"/rapporter/{second.pk}/redigera/"
    assert "samma text som nr 1" in client.get(url).content.decode()
    summary = first_text_section(second)
    services.section_save(
        section=summary,
        by=cast["contributor"],
        base_revision=summary.revision,
        content=services.SectionContent(
            body="- Läget är oförändrat stabilt.", heading=summary.heading
        ),
    )
    page = client.get(url).content.decode()
    assert "ändrad sedan nr 1" in page


def test_the_contributor_sees_their_own_part_and_one_primary_action(
    client: Any, cast: Any, second: Any
) -> None:
    client.force_login(cast["contributor"])
    page = client.get(f"/rapporter/{second.pk}/redigera/").content.decode()
    assert "Ditt att skriva:" in page and "Ditt avsnitt" in page
    assert 'class="button primary" href="/rapporter/' in page  # "Skriv" is the primary action
    assert "Godkänn avsnittet" not in page
    section = first_text_section(second)
    editor = client.get(f"/rapporter/{second.pk}/redigera/avsnitt/{section.pk}/").content.decode()
    assert 'name="save_written" class="primary"' in editor


def test_marking_written_with_htmx_answers_with_the_card_and_the_bar_only(
    client: Any, cast: Any, second: Any
) -> None:
    section = first_text_section(second)
    client.force_login(cast["contributor"])
    response = client.post(
        f"/rapporter/{second.pk}/redigera/avsnitt/{section.pk}/status/",
        {"status": "written"},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<article") and "<html" not in html
    assert f'id="avsnitt-{section.pk}"' in html and 'hx-swap-oob="true"' in html
    section.refresh_from_db()
    assert section.status == SectionStatus.WRITTEN


def test_approving_works_without_javascript_too(client: Any, cast: Any, second: Any) -> None:
    section = first_text_section(second)
    services.section_set_status(section=section, by=cast["contributor"], status="written")
    client.force_login(cast["editor"])
    response = client.post(
        f"/rapporter/{second.pk}/redigera/avsnitt/{section.pk}/status/", {"status": "approved"}
    )
    assert response.status_code == 302 and response.url.endswith(f"#avsnitt-{section.pk}")
    section.refresh_from_db()
    assert section.status == SectionStatus.APPROVED


def test_a_contributor_cannot_approve_even_with_htmx(client: Any, cast: Any, second: Any) -> None:
    section = first_text_section(second)
    client.force_login(cast["contributor"])
    response = client.post(
        f"/rapporter/{second.pk}/redigera/avsnitt/{section.pk}/status/",
        {"status": "approved"},
        **HTMX,
    )
    assert response.status_code == 403


def test_the_approve_button_is_in_the_bar_at_the_top(client: Any, cast: Any) -> None:
    report = make_report_in_state(ReportState.REVIEW, by=cast["editor"])
    client.force_login(cast["staff_lead"])
    page = client.get(f"/rapporter/{report.pk}/redigera/").content.decode()
    bar = page.split('id="cycle-bar"')[1].split("</section>")[0]
    assert "Godkänn rapporten" in bar
    assert page.index("Godkänn rapporten") < page.index('class="card section-card')


def test_the_editor_links_to_the_draft_as_readers_see_it_and_to_pdf_and_word(
    client: Any, cast: Any, second: Any
) -> None:
    client.force_login(cast["editor"])
    page = client.get(f"/rapporter/{second.pk}/redigera/").content.decode()
    assert f'href="/rapporter/{second.pk}/"' in page
    assert f'href="/utskick/rapporter/{second.pk}/pdf/"' in page
    assert f'href="/rapporter/{second.pk}/word/"' in page
    preview = client.get(f"/rapporter/{second.pk}/").content.decode()
    assert "Utkast – inte publicerad" in preview and "Läget är stabilt." in preview
    pdf = client.get(f"/utskick/rapporter/{second.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_reader_cannot_preview_a_draft(client: Any, cast: Any, second: Any) -> None:
    client.force_login(cast["reader"])
    assert client.get(f"/rapporter/{second.pk}/").status_code in (403, 404)
    assert client.get(f"/rapporter/{second.pk}/word/").status_code in (403, 404)


def test_the_default_deadline_is_the_next_working_day_at_the_last_clock_time(db: None) -> None:
    friday_evening = datetime(2025, 2, 28, 18, 0, tzinfo=STOCKHOLM)
    assert default_deadline(last=None, now=friday_evening) == datetime(
        2025, 3, 3, 15, 0, tzinfo=STOCKHOLM
    )
    monday_morning = datetime(2025, 3, 3, 8, 0, tzinfo=STOCKHOLM)
    assert default_deadline(last=None, now=monday_morning) == datetime(
        2025, 3, 3, 15, 0, tzinfo=STOCKHOLM
    )


def test_a_new_report_is_stamped_with_its_deadline_and_approval_moves_it_back(
    client: Any, cast: Any
) -> None:
    series = make_series_with_template(title="Regional rapport VIS")
    client.force_login(cast["editor"])
    client.post(f"/rapporter/serie/{series.slug}/ny-rapport/", {"kind": "ordinary"})
    report = series.reports.get()
    assert report.deadline is not None and report.deadline > timezone.now()
    assert report.compiled_at == report.deadline, "not the moment of the click"
    services.report_submit_for_review(report=report, by=cast["editor"])
    services.report_approve(report=report, by=cast["staff_lead"])
    report.refresh_from_db()
    assert report.compiled_at <= timezone.now() + timedelta(seconds=1)


def test_an_explicit_stamp_is_kept(client: Any, cast: Any) -> None:
    series = make_series_with_template(title="Regional rapport VIS")
    client.force_login(cast["editor"])
    client.post(
        f"/rapporter/serie/{series.slug}/ny-rapport/",
        {"kind": "ordinary", "compiled_at": "2025-02-27T08:30", "deadline": "2025-02-27T07:45"},
    )
    report = series.reports.get()
    assert timezone.localtime(report.compiled_at).strftime("%Y-%m-%d %H.%M") == "2025-02-27 08.30"


def test_assigning_with_htmx_swaps_the_card(client: Any, cast: Any, second: Any) -> None:
    section = first_text_section(second)
    client.force_login(cast["editor"])
    response = client.post(
        f"/rapporter/{second.pk}/redigera/avsnitt/{section.pk}/tilldela/",
        {f"s{section.pk}-assignee": cast["editor"].pk},
        **HTMX,
    )
    assert response.status_code == 200 and "<html" not in response.content.decode()
    section.refresh_from_db()
    assert section.assignee == cast["editor"]


def test_a_new_selection_of_actions_counts_as_changed(client: Any, cast: Any, second: Any) -> None:
    from lagesbild.testing import make_action

    actions = second.sections.get(kind="actions")
    client.force_login(cast["editor"])
    url = f"/rapporter/{second.pk}/redigera/"
    card = (
        client.get(url)
        .content.decode()
        .split(f'id="avsnitt-{actions.pk}"')[1]
        .split("</article>")[0]
    )
    assert "samma text som nr 1" in card
    actions.actions.add(make_action(second.series.staff, title="Chefsbrev 3"))
    card = (
        client.get(url)
        .content.decode()
        .split(f'id="avsnitt-{actions.pk}"')[1]
        .split("</article>")[0]
    )
    assert "ändrad sedan nr 1" in card


def test_the_writer_sees_why_their_section_came_back(client: Any, cast: Any, second: Any) -> None:
    section = first_text_section(second)
    services.section_set_status(section=section, by=cast["contributor"], status="written")
    services.section_set_status(
        section=section, by=cast["editor"], status="to_write", note="Lägg till remisskön."
    )
    client.force_login(cast["contributor"])
    page = client.get(f"/rapporter/{second.pk}/redigera/").content.decode()
    assert "Tillbaka från" in page and "Lägg till remisskön." in page
    editor = client.get(f"/rapporter/{second.pk}/redigera/avsnitt/{section.pk}/").content.decode()
    assert "Lägg till remisskön." in editor, "the note is beside the text being rewritten"


def test_a_refused_htmx_move_reloads_the_page_to_show_why(client: Any, cast: Any) -> None:
    report = make_report_in_state(ReportState.APPROVED, by=cast["editor"])
    section = first_text_section(report)
    client.force_login(cast["editor"])
    response = client.post(
        f"/rapporter/{report.pk}/redigera/avsnitt/{section.pk}/status/",
        {"status": "written"},
        **HTMX,
    )
    assert response["HX-Refresh"] == "true"
    page = client.get(f"/rapporter/{report.pk}/redigera/").content.decode()
    assert "kan inte ändras" in page
