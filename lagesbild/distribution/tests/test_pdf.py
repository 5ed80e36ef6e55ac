"""The PDF: same content as the page, Typst markup characters come out literally."""

import io
from typing import Any

from pypdf import PdfReader

from lagesbild.lib.pdf import markdown_to_typst, render_report_pdf
from lagesbild.reports.models import ReportState
from lagesbild.reports.rendering import report_render
from lagesbild.testing import make_report, make_series

TRICKY = r'Kostnad #1 $50 *inte fet* _inte kursiv_ @etikett <tagg> \ [a] `x` ~ = / "c" + \' // a'


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def squash(text: str) -> str:
    return " ".join(text.split())


def test_typst_markup_characters_come_out_literally(db: None) -> None:
    body = "\n\n".join(
        [
            'Kostnad #1 $50 \\*inte fet\\* \\_inte kursiv\\_ @etikett \\<tagg\\> \\\\ \\[a\\] ~ = / "c" + \' // a',
            '\\- = rubrik? #set text(red) #import "x"',
            "#let a = 1 $ x^2 $",
        ]
    )
    report = make_report(sections=[("Rubrik med # och $", body)])
    text = squash(pdf_text(render_report_pdf(report_render(report))))
    assert (
        'Kostnad #1 $50 *inte fet* _inte kursiv_ @etikett <tagg> \\ [a] ~ = / "c" + \' // a' in text
    )
    assert '- = rubrik? #set text(red) #import "x"' in text
    assert "#let a = 1 $ x^2 $" in text
    assert "Rubrik med # och $" in text


def test_the_pdf_has_title_sections_nested_lists_links_and_page_numbers(db: None) -> None:
    report = make_report(
        title="Regional rapport Samordning",
        sections=[
            (
                "Sammanfattande lägesbild",
                "- Vården **fungerar**\n  - Akuten har kö\n- [Intranätet](https://intranat.example/x)",
            ),
            ("Talesperson", "- Anna Wallin, direktör"),
        ],
        state=ReportState.PUBLISHED,
    )
    pdf = render_report_pdf(report_render(report))
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata is not None and reader.metadata.title == "Regional rapport Samordning"
    text = squash(pdf_text(pdf))
    assert "Sammanställd:" in text and "Sammanfattande lägesbild" in text
    assert "Akuten har kö" in text and "Sida 1 av 1" in text
    assert f"nr {report.number}" in text
    links = [
        a.get_object()["/A"]["/URI"]
        for a in reader.pages[0].get("/Annots", [])
        if a.get_object().get("/A")
    ]
    assert "https://intranat.example/x" in links


def test_unsafe_link_schemes_are_not_clickable() -> None:
    code = markdown_to_typst("[x](ftp://files.example/a) [y](https://ok.example)")
    assert 'link("ftp' not in code and '"x"' in code
    assert 'link("https://ok.example"' in code


def test_the_pdf_download_needs_a_reader_and_a_published_report(client: Any, cast: Any) -> None:
    report = make_report(state=ReportState.PUBLISHED)
    draft = make_report()
    url = f"/utskick/rapporter/{report.pk}/pdf/"
    assert client.get(url).status_code == 302
    client.force_login(cast["reader"])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # Like the report page: readers never see drafts.
    assert client.get(f"/utskick/rapporter/{draft.pk}/pdf/").status_code == 404
    client.force_login(cast["editor"])
    assert client.get(f"/utskick/rapporter/{draft.pk}/pdf/").status_code == 200


def test_anonymous_visitors_get_the_pdf_of_a_public_series_only(client: Any, db: None) -> None:
    public = make_report(series=make_series(is_public=True), state=ReportState.PUBLISHED)
    closed = make_report(state=ReportState.PUBLISHED)
    response = client.get(f"/utskick/rapporter/{public.pk}/pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    response = client.get(f"/utskick/rapporter/{closed.pk}/pdf/")
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
