"""A binary file offered as a recipient CSV gets a clear message, never a 500."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lagesbild.distribution.tests.helpers import make_list
from lagesbild.testing import make_staff

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
UNDECODABLE = "Namn;E-post\nÅsa;asa@region.example\n".encode()[:-20] + b"\x81\x8d\x8f;x\n"


@pytest.mark.parametrize("content", [PNG, UNDECODABLE])
def test_a_binary_file_as_recipient_csv_is_refused_with_a_message(
    client: Any, cast: Any, content: bytes
) -> None:
    lst = make_list(make_staff())
    client.force_login(cast["editor"])
    response = client.post(
        f"/utskick/listor/{lst.pk}/import/",
        {"file": SimpleUploadedFile("lista.csv", content)},
    )
    assert response.status_code in (200, 400)
    assert "Filen är ingen textfil (CSV)" in response.content.decode()
    assert lst.recipients.count() == 0
