"""Distribution lists: importing from CSV/XLSX (check, then confirm), the list pages."""

import io
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook

from lagesbild.distribution.models import DistributionList, Recipient, SeriesDistribution
from lagesbild.distribution.services.lists import recipients_parse
from lagesbild.distribution.tests.helpers import make_list
from lagesbild.testing import make_series, make_staff

CSV = (
    "Namn;E-post;Organisation\n"
    "Anna Ås;anna@region.example;Koncernkontoret\n"
    "Bo Ek;inte-en-adress;Hälso- och sjukvården\n"
    "Anna igen;ANNA@region.example;Koncernkontoret\n"
    "Cia;cia@region.example;Kommunen\n"
    "Dan;;Kommunen\n"
).encode()


def test_the_check_lists_invalid_addresses_and_duplicates_with_row_numbers(db: None) -> None:
    preview = recipients_parse(filename="lista.csv", content=CSV)
    assert [(r.row, r.email) for r in preview.valid] == [
        (2, "anna@region.example"),
        (5, "cia@region.example"),
    ]
    assert [(p.row, p.reason) for p in preview.invalid] == [
        (3, "Ogiltig e-postadress"),
        (6, "E-postadress saknas"),
    ]
    assert [(p.row, p.reason) for p in preview.duplicates] == [(4, "Samma adress som rad 2")]


def test_an_xlsx_file_reads_like_a_csv(db: None) -> None:
    book = Workbook()
    sheet = book.active
    for row in [
        ("Namn", "E-post", "Organisation"),
        ("Anna", "anna@x.example", "Regionen"),
        ("Bo", "bo@", ""),
    ]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    preview = recipients_parse(filename="lista.xlsx", content=buffer.getvalue())
    assert [r.email for r in preview.valid] == ["anna@x.example"]
    assert [p.row for p in preview.invalid] == [3]


def test_the_ui_imports_only_after_confirmation_and_then_all_valid_rows(
    client: Any, cast: Any
) -> None:
    lst = make_list(make_staff(), "Chefer", recipients=[("Cia", "cia@region.example")])
    client.force_login(cast["editor"])
    url = f"/utskick/listor/{lst.pk}/import/"
    response = client.post(url, {"file": SimpleUploadedFile("lista.csv", CSV)})
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "inte-en-adress" in page
        and "Finns redan på listan" in page
        and "Samma adress som rad 2" in page
    )
    assert lst.recipients.count() == 1

    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    assert sorted(lst.recipients.values_list("email", flat=True)) == [
        "anna@region.example",
        "cia@region.example",
    ]


def test_the_ui_explains_a_missing_or_wrong_file(client: Any, cast: Any) -> None:
    lst = make_list(make_staff())
    client.force_login(cast["editor"])
    response = client.post(f"/utskick/listor/{lst.pk}/import/", {})
    assert response.status_code == 400 and "Välj en fil att läsa in." in response.content.decode()
    response = client.post(
        f"/utskick/listor/{lst.pk}/import/", {"file": SimpleUploadedFile("a.pdf", b"%PDF")}
    )
    assert "Välj en CSV- eller XLSX-fil." in response.content.decode()


def test_the_cli_checks_and_imports_with_commit(db: None, tmp_path: Path) -> None:
    staff = make_staff()
    path = tmp_path / "lista.csv"
    path.write_bytes(CSV)
    out = io.StringIO()
    call_command(
        "recipients_import", str(path), "--list", "Staben", "--staff", staff.slug, stdout=out
    )
    assert "rad 3: Ogiltig e-postadress: inte-en-adress" in out.getvalue()
    assert "rad 4: dubblett" in out.getvalue()
    assert not Recipient.objects.exists()

    call_command(
        "recipients_import",
        str(path),
        "--list",
        "Staben",
        "--staff",
        staff.slug,
        "--commit",
        stdout=out,
    )
    lst = DistributionList.objects.get(staff=staff, name="Staben")
    assert lst.recipients.count() == 2


def test_lists_and_series_settings_are_managed_by_editors_only(client: Any, cast: Any) -> None:
    staff = make_staff()
    lst = make_list(staff, "Politisk ledning")
    series = make_series(staff=staff)
    client.force_login(cast["reader"])
    assert client.get("/utskick/").status_code == 403
    client.force_login(cast["editor"])
    assert "Politisk ledning" in client.get("/utskick/").content.decode()
    response = client.post(f"/utskick/serier/{series.pk}/", {"lists": [lst.pk], "attach_pdf": "on"})
    assert response.status_code == 302
    config = SeriesDistribution.objects.get(series=series)
    assert config.attach_pdf and list(config.lists.all()) == [lst]
    response = client.post(
        f"/utskick/listor/{lst.pk}/", {"name": "Eva", "email": "fel", "organisation": ""}
    )
    assert "Skriv en giltig e-postadress" in response.content.decode()
    response = client.post("/utskick/listor/ny/", {"staff": staff.pk, "name": "Politisk ledning"})
    assert "Det finns redan en lista med det namnet." in response.content.decode()
