"""The Word export: the PDF's structure and house style, and a download for readers."""

import io
from typing import Any

from django.core.management import call_command
from docx import Document

from lagesbild.lib.docx import render_report_docx
from lagesbild.reports.models import ReportState
from lagesbild.reports.rendering import report_render
from lagesbild.testing import make_report, make_series

SECTIONS = [
    ("Sammanfattande lägesbild", "- Läget är **stabilt**.\n  - Vården *fungerar*."),
    ("Samlad information", "- [Samlingssida](https://intranat.example/samling)"),
    ("", "**Om Regional rapport VIS**\n\n*Rapporten sammanställs av staben.*"),
]


def _document(report: Any) -> Any:
    return Document(io.BytesIO(render_report_docx(report_render(report))))


def test_the_word_file_has_the_reports_structure_in_order(db: None) -> None:
    report = make_report(make_series(title="Regional rapport VIS"), sections=SECTIONS)
    doc = _document(report)
    rows = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert rows[0] == ("Heading 1", "Regional rapport VIS")
    assert rows[1][1].startswith("Sammanställd: ")
    assert ("Heading 2", "Sammanfattande lägesbild") in rows
    assert ("List Bullet", "Läget är stabilt.") in rows
    assert ("List Bullet 2", "Vården fungerar.") in rows
    assert rows[-1][1] == "Rapporten sammanställs av staben."
    bold = [r.text for p in doc.paragraphs for r in p.runs if r.bold]
    italic = [r.text for p in doc.paragraphs for r in p.runs if r.italic]
    assert "stabilt" in bold and "Om Regional rapport VIS" in bold
    assert "Rapporten sammanställs av staben." in italic
    links = [r.target_ref for r in doc.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert links == ["https://intranat.example/samling"]
    footer = doc.sections[0].footer.paragraphs[0].text
    assert "Regional rapport VIS · nr 1" in footer and "Sida" in footer


def test_the_heading_colour_follows_the_house_style(db: None) -> None:
    doc = _document(make_report(make_series(), sections=SECTIONS))
    assert str(doc.styles["Heading 2"].font.color.rgb) == "083B67"


def test_export_report_writes_docx(db: None, tmp_path: Any) -> None:
    report = make_report(make_series(), sections=SECTIONS)
    out = tmp_path / "rapport.docx"
    call_command("export_report", str(report.pk), "--format", "docx", "-o", str(out))
    assert Document(str(out)).paragraphs[0].text == report.title


def test_a_reader_downloads_a_published_report_as_word(client: Any, cast: Any) -> None:
    report = make_report(make_series(), sections=SECTIONS, state=ReportState.PUBLISHED)
    client.force_login(cast["reader"])
    response = client.get(f"/rapporter/{report.pk}/word/")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'-nr{report.number}-v1.docx"')
    page = client.get(f"/rapporter/{report.pk}/").content.decode()
    assert f'href="/rapporter/{report.pk}/word/"' in page


def test_headings_use_the_house_face_not_the_theme_font(db: None) -> None:
    from docx.oxml.ns import qn

    doc = _document(make_report(make_series(), sections=SECTIONS))
    fonts = doc.styles["Heading 2"].element.rPr.rFonts
    assert fonts.get(qn("w:ascii")) == "Georgia"
    assert fonts.get(qn("w:asciiTheme")) is None


def test_the_closing_lines_are_kept_with_the_text_before_them(db: None) -> None:
    doc = _document(make_report(make_series(), sections=SECTIONS))
    texts = [p for p in doc.paragraphs if p.text]
    kept = [p.text for p in texts if p.paragraph_format.keep_with_next and p.style.name == "Normal"]
    assert "Om Regional rapport VIS" in kept
    assert not texts[-1].paragraph_format.keep_with_next
