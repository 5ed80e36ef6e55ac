"""Personal data: editors work on redacted text; every readable field is redacted; answers unlinkable."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lagesbild.experiences.models import Channel, ImportBatch, Respondent, Source
from lagesbild.experiences.services import Mapping, import_commit, import_preview, table_read
from lagesbild.experiences.tests.helpers import make_collection, make_source, make_web_question

PNR = "811218-9876"


def csv_bytes(rows: list[list[str]]) -> bytes:
    return "\n".join(";".join(r) for r in rows).encode()


def test_the_edit_form_shows_the_redacted_text_never_the_original(
    client: Client, cast: dict
) -> None:
    source = make_source(text=f"Anna Svensson, {PNR}, ringde om inloggningen.")
    client.force_login(cast["editor"])
    url = f"/erfarenheter/{source.collection.slug}/kallor/{source.pk}/andra/"
    html = client.get(url).content.decode()
    assert PNR not in html
    assert "[personnummer]" in html


def test_saving_the_form_unchanged_keeps_the_original_for_the_administrator(
    client: Client, cast: dict
) -> None:
    source = make_source(text=f"Ring {PNR} om inloggningen.", title="Möte")
    client.force_login(cast["editor"])
    url = f"/erfarenheter/{source.collection.slug}/kallor/{source.pk}/andra/"
    data = {
        "title": "Möte i Borås",
        "date": "2025-02-27",
        "place": "",
        "organiser": "",
        "text": source.text,
    }
    assert client.post(url, data).status_code == 302
    source.refresh_from_db()
    assert source.title == "Möte i Borås"
    assert PNR in source.original_text
    data["text"] = source.text + " Det tog tio minuter."
    client.post(url, data)
    source.refresh_from_db()
    assert source.text.endswith("Det tog tio minuter.")
    assert "[personnummer]" in source.text


def test_titles_file_names_and_channel_fields_are_redacted(client: Client, cast: dict) -> None:
    collection = make_collection()
    client.force_login(cast["editor"])
    upload = SimpleUploadedFile(f"Brev från {PNR}.txt", "Hej, det här är brevet.".encode())
    response = client.post(
        f"/erfarenheter/{collection.slug}/dokument/",
        {"channel": Channel.LETTER, "date": "2025-02-27", "documents": [upload]},
    )
    assert response.status_code == 302
    source = Source.objects.get(collection=collection)
    assert PNR not in source.title and PNR not in source.file_name
    assert PNR not in source.file.name  # not even on disk
    letter = make_source(
        collection,
        channel=Channel.LETTER,
        title=f"Skrivelse {PNR}",
        sender=f"Per Olsson {PNR}",
        addressee="regionstyrelsen@region.example",
    )
    assert PNR not in letter.title + letter.sender
    assert "regionstyrelsen@region.example" not in letter.addressee
    page = client.get(f"/erfarenheter/{collection.slug}/kallor/{letter.pk}/").content.decode()
    assert PNR not in page


def test_survey_attribute_columns_are_redacted(cast: dict) -> None:
    collection = make_collection()
    table = table_read(
        "svar.csv",
        csv_bytes(
            [
                ["Svar", "Personnummer", "Kontakt"],
                ["Inloggningen är långsam", PNR, "anna@region.example"],
            ]
        ),
    )
    preview = import_preview(
        collection=collection,
        table=table,
        mapping=Mapping(text_columns=["Svar"], attribute_columns=["Personnummer", "Kontakt"]),
    )
    import_commit(collection=collection, preview=preview, actor_label="test")
    source = Source.objects.get(collection=collection)
    respondent = Respondent.objects.get(collection=collection)
    for attributes in (source.attributes, respondent.attributes):
        assert attributes == {"Personnummer": "[personnummer]", "Kontakt": "[e-post]"}


def test_the_import_preview_and_file_name_are_redacted(client: Client, cast: dict) -> None:
    collection = make_collection()
    client.force_login(cast["editor"])
    upload = SimpleUploadedFile(
        f"export {PNR}.csv", csv_bytes([["Svar", "Pnr"], [f"Jag heter {PNR}", PNR]])
    )
    response = client.post(f"/erfarenheter/{collection.slug}/import/", {"file": upload})
    batch = ImportBatch.objects.get(collection=collection)
    assert PNR not in batch.file_name and PNR not in batch.file.name
    page = client.get(response["Location"]).content.decode()
    assert PNR not in page
    page = client.post(
        response["Location"], {"text_columns": ["Svar"], "channel": Channel.SURVEY}
    ).content.decode()
    assert "Jag heter [personnummer]" in page
    assert PNR not in page


@pytest.mark.django_db
def test_web_answers_ids_do_not_tell_when_they_came_between_registered_sources() -> None:
    """Sequential ids would put an anonymous answer between two timestamped registrations."""
    cache.clear()
    question = make_web_question()
    collection = question.collection
    prompt = question.prompts.first()
    client = Client()
    registered = []
    for n in range(12):
        registered.append(make_source(collection, text=f"Registrerad källa nummer {n}."))
        client.post(
            f"/erfarenheter/fraga/{question.slug}/",
            {f"answer_{prompt.pk}": f"Anonymt svar {n}", "website": ""},
        )
    answers = list(Source.objects.filter(channel=Channel.WEB).values_list("id", flat=True))
    assert len(answers) == 12
    ids = sorted([*answers, *(s.pk for s in registered)])
    # With sequential ids registered and web sources would alternate exactly, in time order.
    registered_ids = [s.pk for s in registered]
    assert registered_ids != sorted(registered_ids) or ids[::2] != registered_ids
    # Respondents (one per submission) are not numbered in time order either.
    respondents = list(
        Source.objects.filter(channel=Channel.WEB)
        .order_by("attributes", "text")
        .values_list("text", "respondent_id")
    )
    by_time = [rid for _text, rid in sorted(respondents, key=lambda r: int(r[0].split()[-1]))]
    assert by_time != sorted(by_time)
    assert max(answers) > 10**9  # drawn from a large space, not a counter
    assert Source.objects.filter(date=date.today()).count() >= 12
