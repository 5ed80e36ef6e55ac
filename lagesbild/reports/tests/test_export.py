"""`export-report`: the house style as Markdown, a self-contained HTML page, and PDF."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lagesbild import testing
from lagesbild.reports.house_style import parse_house_style
from lagesbild.reports.importing import report_import
from lagesbild.reports.models import Report

DATA = Path(__file__).parent / "data"
EXAMPLE = (DATA / "example.md").read_text(encoding="utf-8")


@pytest.fixture
def report(db: None) -> Report:
    return report_import(text=EXAMPLE, series=testing.make_series(), staff=None, by=None)


def export(*args: str) -> str:
    out = StringIO()
    call_command("export_report", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_it_exports_an_imported_report_as_the_same_house_style_markdown(report: Report) -> None:
    assert export(str(report.pk), "--format", "md") == EXAMPLE


def test_markdown_is_the_default_format(report: Report) -> None:
    assert export(str(report.pk)) == EXAMPLE


def test_it_exports_a_written_report_in_a_form_the_parser_reads(db: None) -> None:
    written = testing.make_report(
        sections=[("Läget", "- Stabilt.\n  - Inga nya **störningar**."), ("Övrigt", "Inget.")]
    )
    parsed = parse_house_style(export(str(written.pk)))
    assert parsed.title == written.title
    assert [(s.heading, s.body) for s in parsed.sections] == [
        ("Läget", "- Stabilt.\n  - Inga nya **störningar**."),
        ("Övrigt", "Inget."),
    ]


def test_it_exports_an_accessible_self_contained_html_page(report: Report) -> None:
    html = export(str(report.pk), "--format", "html")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="sv">' in html
    assert "<title>Lägesrapport Exempelstaben nr 1</title>" in html
    assert "<style>" in html and "<link" not in html and "<script" not in html
    assert html.count("<h1>") == 1 and "<h2>Sammanfattande lägesbild</h2>" in html
    assert "<h3>Samlad information</h3>" in html
    assert "Sammanställd: 2025-03-04 klockan 16.00" in html
    assert '<a href="https://intranat.example/nyhet"' in html
    assert "<em>Rapporten sammanställs" in html


def test_html_escapes_titles_and_headings(db: None) -> None:
    written = testing.make_report(
        title="Rapport <script>", sections=[("A & <b>", "<img src=x onerror=alert(1)>")]
    )
    html = export(str(written.pk), "--format", "html")
    assert "<script>" not in html and "<img" not in html
    assert "Rapport &lt;script&gt;" in html and "A &amp; &lt;b&gt;" in html


def test_it_writes_to_a_file_with_o(report: Report, tmp_path: Path) -> None:
    target = tmp_path / "rapport.html"
    assert export(str(report.pk), "--format", "html", "-o", str(target)) == ""
    assert '<html lang="sv">' in target.read_text(encoding="utf-8")


def test_it_exports_a_pdf_through_the_shared_pdf_renderer(report: Report, tmp_path: Path) -> None:
    target = tmp_path / "rapport.pdf"
    export(str(report.pk), "--format", "pdf", "-o", str(target))
    assert target.read_bytes().startswith(b"%PDF")


def test_it_asks_for_a_file_rather_than_writing_a_pdf_into_text(report: Report) -> None:
    with pytest.raises(CommandError, match="Ange -o FIL"):
        export(str(report.pk), "--format", "pdf")


def test_it_names_a_missing_report(db: None) -> None:
    with pytest.raises(CommandError, match="Det finns ingen rapport med id 999"):
        export("999")


@pytest.mark.browser
def test_the_html_page_has_no_accessibility_violations(report: Report, page) -> None:  # type: ignore[no-untyped-def]
    from lagesbild.testing import axe_violations

    page.set_content(export(str(report.pk), "--format", "html"))
    assert page.title() == "Lägesrapport Exempelstaben nr 1"
    assert axe_violations(page) == []
