"""A code's segments: read them with source, channel and category; export CSV and XLSX safely."""

import csv
import io

import openpyxl
import pytest
from django.test import Client

from lagesbild.experiences.models import Channel, ParticipantCategory
from lagesbild.experiences.tests.helpers import make_collection, make_source
from lagesbild.themes.tests.helpers import make_answers, make_code, make_codebook, make_coding


@pytest.fixture
def coded(db: None):  # type: ignore[no-untyped-def]
    collection = make_collection()
    kommun = ParticipantCategory.objects.get(collection=collection, name="Kommun")
    code = make_code(make_codebook(collection), name="Utbildning")
    meeting = make_source(
        collection, text="Utbildningen kom för sent enligt alla.", title="Möte på akuten"
    )
    make_coding(meeting, code, 0, 25)
    formula = make_answers(
        collection, ['=HYPERLINK("http://x") utbildning saknas'], category=kommun
    )[0]
    make_coding(formula, code)
    return collection, code, kommun


def test_the_segments_page_shows_passage_channel_and_category(
    client: Client, cast: dict, coded
) -> None:  # type: ignore[no-untyped-def]
    collection, code, _kommun = coded
    client.force_login(cast["editor"])
    body = client.get(f"/analys/{collection.slug}/koder/{code.pk}/").content.decode()
    assert "Utbildningen kom för sent" in body and "Dialogmöte" in body and "Kommun" in body
    assert "2 källor" in body


def test_the_segments_page_filters_to_one_category(client: Client, cast: dict, coded) -> None:  # type: ignore[no-untyped-def]
    collection, code, kommun = coded
    client.force_login(cast["editor"])
    body = client.get(
        f"/analys/{collection.slug}/koder/{code.pk}/", {"kategori": kommun.pk}
    ).content.decode()
    assert "Utbildningen kom för sent" not in body and "HYPERLINK" in body


def test_the_csv_export_neutralises_formulas(client: Client, cast: dict, coded) -> None:  # type: ignore[no-untyped-def]
    collection, code, _kommun = coded
    client.force_login(cast["editor"])
    response = client.get(f"/analys/{collection.slug}/koder/{code.pk}/segment.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Kod" and len(rows) == 3
    texts = [r[8] for r in rows[1:]]
    assert "Utbildningen kom för sent" in texts
    assert any(t.startswith("'=HYPERLINK") for t in texts)
    assert str(Channel.MEETING.label) in [r[2] for r in rows[1:]]


def test_the_xlsx_export_has_every_segment(client: Client, cast: dict, coded) -> None:  # type: ignore[no-untyped-def]
    collection, code, _kommun = coded
    client.force_login(cast["editor"])
    response = client.get(f"/analys/{collection.slug}/koder/{code.pk}/segment.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    # Rows follow the sources' random ids: find the formula row by its content.
    assert len(values) == 3 and any(str(row[8]).startswith("'=") for row in values[1:])
