"""REFI-QDA exchange: QDPX export valid against the schema, round trip, codebook files, bad input."""

import io
import zipfile
from pathlib import Path

import pytest
import xmlschema

from lagesbild.experiences.models import ParticipantCategory, Source
from lagesbild.experiences.tests.helpers import make_collection, make_source, make_xlsx
from lagesbild.themes.models import Code, Coding, Memo
from lagesbild.themes.services import (
    AnalysisError,
    codebook_import_file,
    memo_create,
    qdc_export,
    qdpx_export,
    qdpx_import,
)
from lagesbild.themes.tests.helpers import make_answers, make_code, make_codebook, make_coding

# Repo-relative, as CI has shared/ beside the clone.
SCHEMAS = Path(__file__).resolve().parents[3].parent / "shared" / "schemas" / "refi-qda"


@pytest.fixture
def project(db: None, cast: dict):  # type: ignore[no-untyped-def]
    collection = make_collection()
    kommun = ParticipantCategory.objects.get(collection=collection, name="Kommun")
    codebook = make_codebook(collection)
    theme = make_code(
        codebook, name="Inloggning", is_theme=True, description="När inloggningen <hindrar>"
    )
    child = make_code(codebook, name="SITHS-kort", parent=theme, colour="#aa0000")
    meeting = make_source(
        collection,
        text="Möte: inloggningen tar tid.\r\nSITHS-kort saknas.",
        title="Dialogmöte akuten",
    )
    make_coding(meeting, theme, 6, 26, coder=cast["editor"])
    make_coding(meeting, child, 29, 47, coder=cast["staff_lead"])
    answers = make_answers(
        collection, ["Kortet fungerar inte 🙁", "=SUMMA(A1) inloggning"], category=kommun
    )
    coding = make_coding(answers[0], child, 0, 6, coder=cast["editor"])
    make_coding(answers[1], theme, coder=cast["editor"])
    memo_create(codebook=codebook, text="Projektets memo", author=cast["editor"])
    memo_create(codebook=codebook, text="Om koden", author=cast["editor"], code=theme)
    memo_create(codebook=codebook, text="Om svaret", author=cast["editor"], source=answers[1])
    memo_create(
        codebook=codebook,
        text="Om kodningen",
        author=cast["editor"],
        coding=coding,
        source=answers[0],
    )
    return collection


def _export(collection) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    qdpx_export(collection=collection, out=buffer)
    return buffer.getvalue()


def _summary(collection):  # type: ignore[no-untyped-def]
    codes = sorted(
        (c.name, c.parent.name if c.parent else "", c.colour, c.description)
        for c in Code.objects.filter(codebook__collection=collection)
    )
    codings = sorted(
        (c.code.name, c.passage(), c.coder.username if c.coder else "")
        for c in Coding.objects.filter(source__collection=collection)
    )
    memos = sorted(
        (
            m.text,
            m.code.name if m.code else "",
            m.source.text if m.source else "",
            m.coding.passage() if m.coding else "",
        )
        for m in Memo.objects.filter(codebook__collection=collection)
    )
    return codes, codings, memos


def test_the_export_is_valid_refi_qda_with_a_source_per_question(project) -> None:  # type: ignore[no-untyped-def]
    data = _export(project)
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert "project.qde" in names
    xml = archive.read("project.qde")
    xmlschema.XMLSchema(str(SCHEMAS / "Project-mrt2019.xsd")).validate(xml)
    text_files = [n for n in names if n.startswith("Sources/") and n.endswith(".txt")]
    assert len(text_files) == 2  # the meeting, and one source for the question's two answers
    question = [
        archive.read(n).decode() for n in text_files if "Kortet" in archive.read(n).decode()
    ][0]
    # Answers follow the sources' random ids, so their order within the question is not fixed.
    assert sorted(question.split("\n\n")) == ["=SUMMA(A1) inloggning", "Kortet fungerar inte 🙁"]
    body = xml.decode()
    assert body.count("<Case ") == 3 and "Deltagarkategori" in body and "<SelectionRef" in body
    assert "PlainTextSelection" in body and "&lt;hindrar&gt;" in body


def test_a_round_trip_gives_the_same_codebook_codings_and_memos(project, cast) -> None:  # type: ignore[no-untyped-def]
    target = make_collection()
    counts = qdpx_import(collection=target, data=io.BytesIO(_export(project)), actor=None)
    assert counts["sources"] == 3 and counts["codings"] == 4 and counts["memos"] == 4
    before, after = _summary(project), _summary(target)
    assert after[0] == before[0]
    # "\r" is exported as a space so every tool counts positions alike; passages otherwise match.
    assert after[1] == [(c, p.replace("\r", " "), u) for c, p, u in before[1]]
    assert after[2] == before[2]
    imported = Source.objects.filter(collection=target, prompt__isnull=False)
    assert imported.count() == 2 and all(s.respondent_id for s in imported)
    assert {s.category.name for s in imported if s.category} == {"Kommun"}


def test_a_project_with_unknown_elements_is_refused_and_nothing_is_stored(project) -> None:  # type: ignore[no-untyped-def]
    data = _export(project)
    archive = zipfile.ZipFile(io.BytesIO(data))
    xml = archive.read("project.qde").replace(b"</Project>", b"<Whiteboard/></Project>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name in archive.namelist():
            out.writestr(name, xml if name == "project.qde" else archive.read(name))
    target = make_collection()
    with pytest.raises(AnalysisError, match="följer inte REFI-QDA-schemat"):
        qdpx_import(collection=target, data=io.BytesIO(buffer.getvalue()), actor=None)
    assert not Source.objects.filter(collection=target).exists()
    assert not Code.objects.filter(codebook__collection=target).exists()


def test_offsets_outside_a_text_in_an_import_are_refused(project) -> None:  # type: ignore[no-untyped-def]
    data = _export(project)
    archive = zipfile.ZipFile(io.BytesIO(data))
    xml = (
        archive.read("project.qde")
        .decode()
        .replace('endPosition="26"', 'endPosition="9999"', 1)
        .encode()
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name in archive.namelist():
            out.writestr(name, xml if name == "project.qde" else archive.read(name))
    target = make_collection()
    with pytest.raises(AnalysisError, match="utanför"):
        qdpx_import(collection=target, data=io.BytesIO(buffer.getvalue()), actor=None)
    assert not Source.objects.filter(collection=target).exists()


def test_a_qdc_codebook_is_valid_and_imports_into_another_collection(project) -> None:  # type: ignore[no-untyped-def]
    data = qdc_export(codebook=project.codebook)
    xmlschema.XMLSchema(str(SCHEMAS / "Codebook-mrt2019.xsd")).validate(data)
    other = make_codebook()
    assert codebook_import_file(codebook=other, name="kodbok.qdc", data=data, actor=None) == 2
    assert other.codes.get(name="SITHS-kort").parent.name == "Inloggning"
    assert codebook_import_file(codebook=other, name="kodbok.qdc", data=data, actor=None) == 0


def test_a_spreadsheet_codebook_with_children_before_parents_imports(db: None) -> None:
    codebook = make_codebook()
    data = make_xlsx(
        [
            ["Namn", "Överordnad", "Beskrivning"],
            ["Väntetid", "Inloggning", "x"],
            ["Inloggning", "", "y"],
        ]
    )
    assert codebook_import_file(codebook=codebook, name="kodbok.xlsx", data=data, actor=None) == 2
    assert codebook.codes.get(name="Väntetid").parent.name == "Inloggning"
    csv_data = "namn;beskrivning\nUtbildning;när det gäller kurser\n".encode()
    assert (
        codebook_import_file(codebook=codebook, name="kodbok.csv", data=csv_data, actor=None) == 1
    )


def test_a_file_that_is_not_a_codebook_is_refused_in_swedish(db: None) -> None:
    codebook = make_codebook()
    with pytest.raises(AnalysisError, match="kolumnen ”namn” saknas"):
        codebook_import_file(
            codebook=codebook, name="svar.csv", data=b"fraga,svar\nA,B\n", actor=None
        )
    with pytest.raises(AnalysisError, match="ingen REFI-QDA-kodbok"):
        codebook_import_file(
            codebook=codebook, name="x.qdc", data=b"<?xml version='1.0'?><html/>", actor=None
        )
    with pytest.raises(AnalysisError, match="Okänd filtyp"):
        codebook_import_file(codebook=codebook, name="bild.png", data=b"\x89PNG", actor=None)
    assert not codebook.codes.exists()


def test_the_download_button_gives_a_valid_qdpx_and_the_codebook_uploads(
    project, client, cast
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(cast["editor"])
    response = client.get(f"/analys/{project.slug}/export.qdpx")
    data = b"".join(response.streaming_content)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("project.qde")
    xmlschema.XMLSchema(str(SCHEMAS / "Project-mrt2019.xsd")).validate(xml)
    other = make_collection()
    qdc = client.get(f"/analys/{project.slug}/kodbok.qdc").content
    upload = io.BytesIO(qdc)
    upload.name = "kodbok.qdc"
    response = client.post(f"/analys/{other.slug}/koder/import/", {"file": upload}, follow=True)
    assert "2 koder importerades" in response.content.decode()
    bad = io.BytesIO(b"hej")
    bad.name = "anteckning.docx"
    response = client.post(f"/analys/{other.slug}/koder/import/", {"file": bad}, follow=True)
    assert "Okänd filtyp" in response.content.decode()
