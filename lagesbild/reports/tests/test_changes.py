from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from lagesbild.reports.diff import lines_diff, readable_lines, report_diff, words_diff
from lagesbild.reports.models import ReportState
from lagesbild.reports.rendering import RenderedReport, RenderedSection
from lagesbild.testing import make_report, make_series

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def rendered(*sections: tuple[str, str] | tuple[str, str, str]) -> RenderedReport:
    return RenderedReport(
        title="Rapport",
        number=1,
        version=1,
        is_extra=False,
        compiled_at=datetime(2025, 2, 27, 8, 30, tzinfo=STOCKHOLM),
        sections=[
            RenderedSection(
                heading=s[0], level=2, kind=s[2] if len(s) > 2 else "text", markdown=s[1]
            )
            for s in sections
        ],
        correction_reason="",
    )


def ops(diff) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(d.op, d.line.text) for d in diff.lines]


def test_an_added_bullet_is_an_inserted_line() -> None:
    [section] = report_diff(
        rendered(("Läget", "- A\n- B")), rendered(("Läget", "- A\n- Ny punkt\n- B"))
    )
    assert section.status == "changed"
    assert ops(section) == [("equal", "A"), ("insert", "Ny punkt"), ("equal", "B")]


def test_a_removed_bullet_is_a_deleted_line() -> None:
    [section] = report_diff(
        rendered(("Läget", "- A\n- Gammal punkt\n- B")), rendered(("Läget", "- A\n- B"))
    )
    assert ops(section) == [("equal", "A"), ("delete", "Gammal punkt"), ("equal", "B")]


def test_a_changed_word_is_marked_within_its_line() -> None:
    [section] = report_diff(
        rendered(("Läget", "- Införandet är pausat till mars.")),
        rendered(("Läget", "- Införandet är pausat till april.")),
    )
    [line] = section.lines
    assert line.op == "replace"
    assert [(c.op, c.text) for c in line.chunks if c.op != "equal"] == [
        ("delete", "mars."),
        ("insert", "april."),
    ]


def test_a_new_section_and_a_removed_section_are_flagged_in_place() -> None:
    old = rendered(
        ("Sammanfattning", "- A"),
        ("Press", "- Intervju"),
        ("Talesperson", "- Eva", "spokespersons"),
    )
    new = rendered(
        ("Sammanfattning", "- A"),
        ("Dialogmöten", "- Skövde"),
        ("Talesperson", "- Eva", "spokespersons"),
    )
    diffs = report_diff(old, new)
    assert [(d.heading, d.status) for d in diffs] == [
        ("Sammanfattning", "unchanged"),
        ("Press", "removed"),
        ("Dialogmöten", "added"),
        ("Talesperson", "unchanged"),
    ]


def test_sections_without_matching_headings_pair_by_kind() -> None:
    old = rendered(("", "*Stående text.*", "standing"))
    new = rendered(("", "*Stående text, ny.*", "standing"))
    [section] = report_diff(old, new)
    assert section.status == "changed"


def test_with_no_previous_report_every_section_is_new() -> None:
    diffs = report_diff(None, rendered(("Läget", "- A"), ("Press", "- B")))
    assert [d.status for d in diffs] == ["added", "added"]
    assert ops(diffs[0]) == [("insert", "A")]


def test_readable_lines_keep_depth_and_drop_markup() -> None:
    lines = readable_lines(
        "### Under\n\n- 26/2: [Frågor och svar](https://x.example/a)\n  - **viktigt** och *lugnt*"
    )
    assert [(x.text, x.depth, x.is_heading) for x in lines] == [
        ("Under", 0, True),
        ("26/2: Frågor och svar", 1, False),
        ("viktigt och lugnt", 2, False),
    ]


def test_unlike_lines_are_removed_and_added_rather_than_mixed() -> None:
    diff = lines_diff(
        readable_lines("- Helt annan mening om vädret"),
        readable_lines("- Tre nya dialogmöten bokade"),
    )
    assert [d.op for d in diff] == ["delete", "insert"]
    assert words_diff("a b", "a c")[0].text == "a "


@pytest.mark.django_db
def test_the_changes_page_marks_an_added_and_a_removed_word(cast: dict) -> None:
    series = make_series()
    make_report(
        series,
        state=ReportState.PUBLISHED,
        compiled_at=datetime(2025, 2, 20, 8, 30, tzinfo=STOCKHOLM),
        sections=[("Läget", "- Införandet är pausat i Skaraborg."), ("Press", "- Gammalt")],
    )
    new = make_report(
        series,
        state=ReportState.PUBLISHED,
        compiled_at=datetime(2025, 2, 27, 8, 30, tzinfo=STOCKHOLM),
        sections=[("Läget", "- Införandet är pausat i hela regionen."), ("Press", "- Gammalt")],
    )
    client = Client()
    client.force_login(cast["reader"])
    html = client.get(reverse("reports:report_changes", args=[new.pk])).content.decode()
    assert "<del>Skaraborg.</del>" in html
    assert "<ins>hela regionen.</ins>" in html
    assert "Oförändrad – visa texten" in html  # the unchanged section is collapsed
    assert "1 ändrade, 0 nya, 0 borttagna och 1 oförändrade avsnitt." in html


@pytest.mark.django_db
def test_the_changes_page_of_the_first_report_says_there_is_nothing_to_compare(cast: dict) -> None:
    report = make_report(make_series(), state=ReportState.PUBLISHED)
    client = Client()
    client.force_login(cast["reader"])
    html = client.get(reverse("reports:report_changes", args=[report.pk])).content.decode()
    assert "Det finns ingen tidigare publicerad rapport" in html
    assert "Nytt avsnitt" in html


@pytest.mark.django_db
def test_a_correction_can_be_compared_with_the_version_it_corrects(cast: dict) -> None:
    series = make_series()
    old = make_report(series, state=ReportState.PUBLISHED, sections=[("Läget", "- Möte 3 mars.")])
    new = make_report(
        series,
        number=old.number,
        version=2,
        corrects=old,
        state=ReportState.PUBLISHED,
        sections=[("Läget", "- Möte 4 mars.")],
    )
    client = Client()
    client.force_login(cast["reader"])
    url = reverse("reports:report_changes", args=[new.pk])
    html = client.get(url, {"mot": old.pk}).content.decode()
    assert "<del>3</del>" in html and "<ins>4</ins>" in html
    other = make_report(make_series(), state=ReportState.PUBLISHED)
    assert client.get(url, {"mot": other.pk}).status_code == 404
    draft = make_report(series, state=ReportState.DRAFT)
    assert client.get(url, {"mot": draft.pk}).status_code == 404


def test_a_structured_section_under_a_new_heading_is_still_the_same_section() -> None:
    old = rendered(("Talesperson", "- Eva", "spokespersons"))
    new = rendered(("Talespersoner", "- Eva\n- Nils", "spokespersons"))
    [section] = report_diff(old, new)
    assert section.status == "changed"
    assert ops(section) == [("equal", "Eva"), ("insert", "Nils")]


def test_neighbouring_changed_words_read_as_one_phrase() -> None:
    chunks = words_diff(
        "Alla enheter arbetar sedan fredag den 13 november.", "Alla enheter arbetar och är stabila."
    )
    assert [(c.op, c.text) for c in chunks] == [
        ("equal", "Alla enheter arbetar "),
        ("delete", "sedan fredag den 13 november."),
        ("insert", "och är stabila."),
    ]
