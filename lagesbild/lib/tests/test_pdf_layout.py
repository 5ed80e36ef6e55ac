"""The PDF's last page never holds only the closing lines; short words are never hyphenated."""

import io
from datetime import UTC, datetime

from pypdf import PdfReader

from lagesbild.lib.pdf import render_report_pdf
from lagesbild.reports.rendering import RenderedReport, RenderedSection

ABOUT = "**Om Regional rapport VIS**\n\nRapporten ges ut efter stabens möten."
FOOTER = "*Rapporten sammanställs av staben och skickas till ledningen.*"


def _report(paragraphs: int) -> RenderedReport:
    filler = "\n\n".join(
        f"Stycke {i}: förvaltningscheferna rapporterar händelser i vårdinformationssystemet "
        "och remisshanteringen, och driften är stabil i hela regionen."
        for i in range(paragraphs)
    )
    return RenderedReport(
        title="Regional rapport VIS",
        number=6,
        version=1,
        is_extra=False,
        compiled_at=datetime(2025, 2, 27, 7, 30, tzinfo=UTC),
        sections=[
            RenderedSection(
                heading="Sammanfattande lägesbild", level=2, kind="text", markdown=filler
            ),
            RenderedSection(heading="", level=2, kind="standing", markdown=ABOUT),
            RenderedSection(heading="", level=2, kind="standing", markdown=FOOTER),
        ],
        correction_reason="",
    )


def _pages(paragraphs: int) -> list[str]:
    reader = PdfReader(io.BytesIO(render_report_pdf(_report(paragraphs))))
    return [page.extract_text() for page in reader.pages]


def test_the_closing_lines_never_stand_alone_on_the_last_page() -> None:
    # Around the page break the closing lines would fall onto page 2 by themselves.
    for paragraphs in range(18, 26):
        pages = _pages(paragraphs)
        last = pages[-1]
        assert "sammanställs av staben" in last
        assert "Stycke" in last, f"{paragraphs} paragraphs: the last page holds only the closing"


STAFF = (
    "Den regionala samordningsstaben leds av stabschefen och samlar hälso- och sjukvården, IT, "
    "HR, ekonomi och kommunikation. Staben samordnar regionens arbete under pausen i införandet "
    "av det nya vårdinformationssystemet: en gemensam lägesbild, erfarenheter från medarbetarna "
    "och underlag för beslut om vägval."
)


def test_no_word_is_hyphenated() -> None:
    report = _report(0)
    report.sections[0] = RenderedSection(
        heading="Om Samordning vårdinformationssystem", level=2, kind="standing", markdown=STAFF
    )
    reader = PdfReader(io.BytesIO(render_report_pdf(report)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    lines = [line.rstrip() for line in text.splitlines()]
    body = [line for line in lines if line and not line.startswith("Regional rapport VIS ·")]
    assert not [line for line in body if line.endswith("-")]
