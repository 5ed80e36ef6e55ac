"""Importing survey exports: column mapping, problems per row, all or nothing, the CLI."""

import csv
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from lagesbild.experiences.models import Channel, Collection, ImportBatch, Respondent, Source
from lagesbild.experiences.services import (
    FileRefused,
    Mapping,
    import_commit,
    import_preview,
    table_read,
)
from lagesbild.experiences.tests.helpers import make_collection, make_xlsx, make_zip_bomb
from lagesbild.testing import make_staff

HEADER = ["Tidsstämpel", "Var arbetar du?", "Vad fungerade dåligt?", "Vad fungerade bra?", "Roll"]
ROWS = [
    ["2025-02-10 08:12:00", "Kommun", "Inloggningen tar lång tid.", "Supporten.", "Undersköterska"],
    [
        "2025-02-11 13:40:00",
        "Privat vårdgivare",
        "Läkemedelslistan var fel, ring 070-123 45 67.",
        "",
        "Läkare",
    ],
    ["2025-02-12 09:00:00", "Utförarförvaltning", "", "", "Sjuksköterska"],
]


def csv_bytes(rows: list[list[str]], delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    lines = [delimiter.join(f'"{c}"' for c in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def mapping(**overrides) -> Mapping:  # type: ignore[no-untyped-def]
    fields = {
        "text_columns": ["Vad fungerade dåligt?", "Vad fungerade bra?"],
        "category_column": "Var arbetar du?",
        "date_column": "Tidsstämpel",
        "attribute_columns": ["Roll"],
    }
    return Mapping(**{**fields, **overrides})


@pytest.mark.django_db
def test_several_answer_columns_become_sources_linked_to_respondent_and_question() -> None:
    collection = make_collection()
    table = table_read("svar.csv", csv_bytes([HEADER, *ROWS]))
    preview = import_preview(collection=collection, table=table, mapping=mapping())
    assert preview.blocking == []
    assert [(p.row, p.blocking) for p in preview.problems] == [(4, False)]  # empty row skipped
    assert import_commit(collection=collection, preview=preview, actor_label="test") == 3
    assert Respondent.objects.count() == 2
    first = Source.objects.filter(respondent__attributes__Roll="Undersköterska").order_by(
        "prompt__position"
    )
    assert [s.prompt.text for s in first] == ["Vad fungerade dåligt?", "Vad fungerade bra?"]
    assert {s.date for s in first} == {date(2025, 2, 10)}
    assert first[0].category.name == "Kommun"
    assert first[0].channel == Channel.SURVEY
    phoned = Source.objects.get(original_text__contains="070")
    assert phoned.text == "Läkemedelslistan var fel, ring [telefonnummer]."


@pytest.mark.django_db
def test_problems_are_reported_per_row_and_nothing_is_imported() -> None:
    collection = make_collection()
    rows = [HEADER, ROWS[0], ["igår", "Okänd förvaltning", "Svar", "", ""]]
    preview = import_preview(
        collection=collection, table=table_read("svar.csv", csv_bytes(rows)), mapping=mapping()
    )
    messages = [(p.row, p.message) for p in preview.blocking]
    assert messages == [
        (3, "Okänd kategori: Okänd förvaltning"),
        (3, "Datumet går inte att läsa: igår"),
    ]
    with pytest.raises(ValueError):
        import_commit(collection=collection, preview=preview)
    assert Source.objects.count() == 0


@pytest.mark.django_db
def test_it_reads_xlsx_with_real_dates_and_excel_serials() -> None:
    collection = make_collection()
    data = make_xlsx(
        [["Datum", "Svar"], [date(2025, 2, 27), "Utbildningen kom för sent."], [45715, "Övertid."]]
    )
    preview = import_preview(
        collection=collection,
        table=table_read("export.xlsx", data),
        mapping=Mapping(text_columns=["Svar"], date_column="Datum"),
    )
    assert [inputs[0][1].date for _, inputs, _ in preview.items] == [date(2025, 2, 27)] * 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.django_db
def test_it_reads_the_encodings_survey_tools_write(encoding: str) -> None:
    table = table_read("svar.csv", csv_bytes([["Svar"], ["Åtgärder för läkemedel"]], ",", encoding))
    assert table.rows == [["Åtgärder för läkemedel"]]


@pytest.mark.django_db
def test_it_refuses_hostile_and_broken_files_with_clear_messages() -> None:
    with pytest.raises(FileRefused, match="zip-bomb"):
        table_read("export.xlsx", make_zip_bomb("xl/workbook.xml"))
    with pytest.raises(FileRefused, match="fel innehåll"):
        table_read("export.xlsx", b"%PDF-1.7 not a workbook")
    with pytest.raises(FileRefused, match="fel innehåll"):
        table_read("svar.csv", b"PK\x03\x04 a zip in disguise")
    with pytest.raises(FileRefused, match="teckenkodning"):
        table_read("svar.csv", b"Svar\n" + b"\x81\x8d\x8f\x90\x9d\x01\x02")
    with pytest.raises(FileRefused, match="Filtypen stöds inte"):
        table_read("svar.exe", b"MZ")


@pytest.mark.django_db
def test_the_ui_uploads_maps_previews_and_imports(client: Client, cast: dict) -> None:
    collection = make_collection()
    client.force_login(cast["editor"])
    upload = SimpleUploadedFile("forms.csv", csv_bytes([HEADER, *ROWS]))
    response = client.post(f"/erfarenheter/{collection.slug}/import/", {"file": upload})
    batch = ImportBatch.objects.get()
    assert response.url == f"/erfarenheter/{collection.slug}/import/{batch.pk}/"
    url = response.url
    assert "Vad fungerade bra?" in client.get(url).content.decode()
    form = {
        "text_columns": ["Vad fungerade dåligt?", "Vad fungerade bra?"],
        "category_column": "Var arbetar du?",
        "date_column": "Tidsstämpel",
        "attribute_columns": ["Roll"],
        "channel": "survey",
        "preview": "1",
    }
    body = client.post(url, form).content.decode()
    assert "Importera 3 källor" in body and "Tom text" in body
    assert Source.objects.count() == 0
    response = client.post(url, {**form, "import": "1"})
    assert response.status_code == 302
    assert Source.objects.filter(import_batch=batch).count() == 3


@pytest.mark.django_db
def test_the_ui_refuses_a_zip_bomb_and_keeps_nothing(client: Client, cast: dict) -> None:
    collection = make_collection()
    client.force_login(cast["editor"])
    upload = SimpleUploadedFile("export.xlsx", make_zip_bomb("xl/workbook.xml"))
    response = client.post(f"/erfarenheter/{collection.slug}/import/", {"file": upload})
    assert response.status_code == 400
    assert "zip-bomb" in response.content.decode()
    assert ImportBatch.objects.count() == 0


@pytest.mark.django_db
def test_the_cli_reports_without_commit_and_imports_with_it(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    make_staff(slug="vis-staben")
    path = tmp_path / "svar.xlsx"
    path.write_bytes(make_xlsx([HEADER, *ROWS]))
    args = [
        str(path),
        "--collection",
        "webbenkat",
        "--text-column",
        "Vad fungerade dåligt?",
        "--text-column",
        "Vad fungerade bra?",
        "--category-column",
        "Var arbetar du?",
        "--date-column",
        "Tidsstämpel",
    ]
    call_command("experiences_import", *args)
    out = capsys.readouterr().out
    assert "rad 4: obs: Tom text" in out and "3 källor" in out and "Inget importerat" in out
    assert not Collection.objects.filter(slug="webbenkat").exists()
    call_command("experiences_import", *args, "--commit")
    collection = Collection.objects.get(slug="webbenkat")
    assert collection.sources.count() == 3
    export = tmp_path / "ut.csv"
    call_command("experiences_export", "--collection", "webbenkat", "-o", str(export))
    with export.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3
    assert any(r["text"] == "Läkemedelslistan var fel, ring [telefonnummer]." for r in rows)
    assert not any("070-123" in value for r in rows for value in r.values())


@pytest.mark.django_db
def test_the_cli_refuses_to_commit_an_import_with_problems(tmp_path: Path) -> None:
    collection = make_collection()
    path = tmp_path / "svar.csv"
    path.write_bytes(csv_bytes([HEADER, ["2025-02-10", "Marsmänniska", "Svar", "", ""]]))
    with pytest.raises(CommandError, match="rätta felen"):
        call_command(
            "experiences_import",
            str(path),
            "--collection",
            collection.slug,
            "--text-column",
            "Vad fungerade dåligt?",
            "--category-column",
            "Var arbetar du?",
            "--commit",
        )
    assert Source.objects.count() == 0
