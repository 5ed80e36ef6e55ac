import pytest

from lagesbild.reports.models import ReportSection, SectionKind
from lagesbild.reports.rendering import headings_demoted, report_render
from lagesbild.testing import make_report


def test_headings_are_shifted_so_the_highest_is_the_minimum() -> None:
    html = "<h1>A</h1><p>x</p><h2>B</h2>"
    assert headings_demoted(html, 3) == "<h3>A</h3><p>x</p><h4>B</h4>"
    assert headings_demoted("<h4>C</h4>", 3) == "<h4>C</h4>"
    assert headings_demoted("<h1>D</h1><h6>E</h6>", 4) == "<h4>D</h4><h6>E</h6>"


@pytest.mark.django_db
def test_page_sections_leave_the_single_h1_to_the_title() -> None:
    report = make_report(sections=[("Huvudrubrik", "# Inne i texten\n\nbrödtext")])
    ReportSection.objects.filter(report=report).update(level=1)
    ReportSection.objects.create(
        report=report, position=1, heading="Under", level=2, kind=SectionKind.TEXT
    )
    ReportSection.objects.create(
        report=report, position=2, heading="Under", level=2, kind=SectionKind.TEXT
    )
    sections = report_render(report).page_sections
    assert [(s.heading, s.level) for s in sections] == [
        ("Huvudrubrik", 2),
        ("Under", 3),
        ("Under", 3),
    ]
    assert "<h3>Inne i texten</h3>" in sections[0].html
    assert len({s.anchor for s in sections}) == 3  # ids stay unique on the page
