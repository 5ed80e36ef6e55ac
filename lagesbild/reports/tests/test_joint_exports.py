"""The joint report's exports (footnotes in Markdown, PDF and Word) and the feedback page."""

import email
import email.policy
import io
import re
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse

from lagesbild.accounts.models import User
from lagesbild.reports.tests.joint import make_joint, publish
from lagesbild.testing import make_report


def export(report_id: int, fmt: str, path: Path) -> None:
    call_command(
        "export_joint_report",
        str(report_id),
        "--format",
        fmt,
        "-o",
        str(path),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )


def test_markdown_export_has_footnote_references_and_definitions(
    cast: dict, tmp_path: Path
) -> None:
    joint = make_joint()
    report = publish(joint.report)
    export(report.pk, "md", tmp_path / "r.md")
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "inloggningar[^1], och" in text
    assert "[^1]: ”Inloggningen tar tio minuter" in text
    assert "[^3]: Lärdom L-7: Inloggningen måste gå fortare" in text


def test_pdf_has_a_table_of_contents_and_footnotes(cast: dict, tmp_path: Path) -> None:
    joint = make_joint()
    report = publish(joint.report)
    export(report.pk, "pdf", tmp_path / "r.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Innehåll" in text
    contents = text.split("Innehåll", 1)[1]
    assert contents.index("Metod och material") < contents.index("Vad vi hörde")
    # The footnote's text is set at the foot of the page, not in the running text.
    assert re.search(r"\n\s*1\s*”Inloggningen tar tio minuter", text)
    # The lesson is cited twice (text and lessons section) but has one footnote.
    assert len(re.findall(r"\n\s*\d\s*Lärdom L-7: Inloggningen", text)) == 1
    assert "Webbfråga, Kommun, 27 februari 2025" in text
    assert "[@citat" not in text and "[^" not in text


def test_word_file_has_headings_and_real_footnotes(cast: dict, tmp_path: Path) -> None:
    import docx

    joint = make_joint()
    report = publish(joint.report)
    export(report.pk, "docx", tmp_path / "r.docx")
    document = docx.Document(str(tmp_path / "r.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert {"Metod och material", "Vad vi hörde", "Lärdomar"} <= set(headings)
    body = document.element.xml
    assert body.count("<w:footnoteReference") == 3  # two quotes, the lesson (cited twice)
    notes = next(
        p for p in document.part.package.iter_parts() if str(p.partname) == "/word/footnotes.xml"
    )
    xml = notes.blob.decode("utf-8")
    assert 'w:id="1"' in xml and "Inloggningen tar tio minuter" in xml
    assert "Lärdom L-7" in xml
    assert "[^" not in "".join(p.text for p in document.paragraphs)


def test_the_export_refuses_a_report_of_another_kind(cast: dict) -> None:
    report = make_report()
    with pytest.raises(CommandError, match="inte en gemensam rapport"):
        call_command("export_joint_report", str(report.pk), stdout=io.StringIO())


def test_feedback_page_hides_quotes_from_a_category_under_the_threshold(cast: dict) -> None:
    joint = make_joint()
    report = publish(joint.report)
    url = reverse("reports:feedback", args=[report.pk])
    page = Client().get(url).content.decode()
    assert "Ni sa" in page and "Vi lärde oss" in page and "Vi kommer att" in page
    assert joint.quote_big.passage() in page  # Utförarförvaltning: 5 respondents
    assert "Hemtjänsten ser inte" not in page  # Kommun: 4 respondents
    assert "1 citat visas inte här" in page
    assert "Införa enkel inloggning på alla avdelningar" in page
    with override_settings(FEEDBACK_MIN_CATEGORY=4):
        assert "Hemtjänsten ser inte" in Client().get(url).content.decode()


def test_feedback_page_is_open_only_where_the_series_is_public(cast: dict) -> None:
    joint = make_joint(public=False)
    report = publish(joint.report)
    url = reverse("reports:feedback", args=[report.pk])
    assert Client().get(url).status_code == 302  # anonymous: to the login page
    outsider = Client()
    outsider.force_login(User.objects.get(username="other_member"))
    assert outsider.get(url).status_code == 403
    reader = Client()
    reader.force_login(User.objects.get(username="reader"))
    assert reader.get(url).status_code == 200
    joint.series.is_public = True
    joint.series.save()
    assert Client().get(url).status_code == 200
    # A draft has no feedback page, and neither has a situation report.
    draft = make_joint().report
    assert reader.get(reverse("reports:feedback", args=[draft.pk])).status_code == 404


def test_a_published_joint_report_is_found_by_its_kind(cast: dict) -> None:
    from lagesbild.search.query import search_for

    joint = make_joint()
    joint.series.title = "Samlade erfarenheter"
    joint.series.save()
    joint.report.title = "Samlade erfarenheter"
    joint.report.save()
    publish(joint.report)
    groups = search_for(user=User.objects.get(username="reader"), query="gemensam rapport")
    hits = [hit.text for group in groups for hit in group.hits]
    assert "Samlade erfarenheter nr 1" in hits


def test_mail_and_static_page_list_the_footnotes_their_marks_point_to(
    cast: dict, tmp_path: Path
) -> None:
    from lagesbild.distribution.services.messages import report_message_template
    from lagesbild.distribution.services.static import report_static_name, static_publish

    joint = make_joint()
    report = publish(joint.report)
    raw = report_message_template(report=report, attach_pdf=False).personalise(
        address="politiker@region.example", name="Politiker"
    )
    parts = {
        p.get_content_type(): p.get_content()
        for p in email.message_from_bytes(raw, policy=email.policy.default).walk()
        if not p.is_multipart()
    }
    text, html = parts["text/plain"], parts["text/html"]
    assert "långa inloggningar[1], och" in text
    assert "[^" not in text
    assert "[1] ”Inloggningen tar tio minuter" in text
    assert f"/rapporter/{report.pk}/fotnoter/1/" in text  # the footnote's own page, full address
    assert 'href="#fotnot-1"' in html
    assert re.search(r'<li id="fotnot-1" value="1"[^>]*>”Inloggningen tar tio minuter', html)
    assert "Lärdom L-7: Inloggningen måste gå fortare" in html

    static_publish(directory=tmp_path, series=joint.series)
    page = (tmp_path / joint.series.slug / report_static_name(report)).read_text()
    assert 'href="#fotnot-3"' in page
    assert re.search(r'<li id="fotnot-3" value="3">Lärdom L-7: Inloggningen', page)
