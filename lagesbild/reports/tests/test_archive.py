from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from lagesbild.reports.models import ReportState
from lagesbild.reports.views import reading
from lagesbild.testing import make_report, make_series

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(day: int, month: int = 2) -> datetime:
    return datetime(2025, month, day, 8, 30, tzinfo=STOCKHOLM)


@pytest.fixture
def reader(cast: dict) -> Client:
    client = Client()
    client.force_login(cast["reader"])
    return client


@pytest.fixture
def series():  # type: ignore[no-untyped-def]
    s = make_series(title="Regional rapport VIS")
    make_report(
        s,
        state=ReportState.PUBLISHED,
        compiled_at=at(10),
        sections=[("Läget", "- Dialogmöten i Skövde och Borås.")],
    )
    make_report(
        s,
        state=ReportState.PUBLISHED,
        compiled_at=at(17),
        sections=[("Läget", "- Införandet är pausat.")],
    )
    make_report(
        s,
        state=ReportState.PUBLISHED,
        compiled_at=at(24),
        sections=[("Läget", "- Ny ÄNDRING av tidplanen; dialogmöte i Skövde.")],
    )
    make_report(
        s, state=ReportState.DRAFT, compiled_at=at(27), sections=[("Läget", "- Skövde utkast.")]
    )
    return s


def numbers(response) -> list[int]:  # type: ignore[no-untyped-def]
    return [r.number for r in response.context["page"].object_list]


@pytest.mark.django_db
def test_it_lists_published_current_reports_newest_first(reader: Client, series) -> None:  # type: ignore[no-untyped-def]
    old = series.reports.get(number=2)
    make_report(
        series,
        number=2,
        version=2,
        state=ReportState.PUBLISHED,
        corrects=old,
        compiled_at=at(18),
        correction_reason="Stavfel.",
    )
    response = reader.get(reverse("reports:archive", args=[series.slug]))
    assert numbers(response) == [3, 2, 1]
    listed = response.context["page"].object_list
    assert [r.version for r in listed if r.number == 2] == [2]
    html = response.content.decode()
    assert "3 publicerade rapporter." in html
    assert "Rättad version" in html


@pytest.mark.django_db
def test_it_finds_reports_by_every_word_case_insensitively(reader: Client, series) -> None:  # type: ignore[no-untyped-def]
    url = reverse("reports:archive", args=[series.slug])
    assert numbers(reader.get(url, {"q": "skövde"})) == [3, 1]
    assert numbers(reader.get(url, {"q": "SKÖVDE borås"})) == [1]
    assert numbers(reader.get(url, {"q": "ändring"})) == [3]
    assert numbers(reader.get(url, {"q": "VIS"})) == [3, 2, 1]  # the title counts too
    assert "1 rapport matchar sökningen." in reader.get(url, {"q": "pausat"}).content.decode()


@pytest.mark.django_db
def test_it_filters_by_compiled_date_range(reader: Client, series) -> None:  # type: ignore[no-untyped-def]
    url = reverse("reports:archive", args=[series.slug])
    assert numbers(reader.get(url, {"fran": "2025-02-17", "till": "2025-02-24"})) == [3, 2]
    assert numbers(reader.get(url, {"till": "2025-02-16"})) == [1]
    assert numbers(reader.get(url, {"q": "skövde", "fran": "2025-02-11"})) == [3]


@pytest.mark.django_db
def test_it_explains_when_nothing_matches(reader: Client, series) -> None:  # type: ignore[no-untyped-def]
    html = reader.get(
        reverse("reports:archive", args=[series.slug]), {"q": "giraff"}
    ).content.decode()
    assert "Inga rapporter matchar sökningen." in html
    assert "0 rapporter matchar sökningen." in html


@pytest.mark.django_db
def test_it_refuses_a_date_range_that_ends_before_it_starts(reader: Client, series) -> None:  # type: ignore[no-untyped-def]
    response = reader.get(
        reverse("reports:archive", args=[series.slug]), {"fran": "2025-02-20", "till": "2025-02-01"}
    )
    assert "Till-datumet kan inte vara före från-datumet." in response.content.decode()
    assert numbers(response) == []
    response = reader.get(reverse("reports:archive", args=[series.slug]), {"fran": "igår"})
    assert "Skriv datumet som ÅÅÅÅ-MM-DD." in response.content.decode()


@pytest.mark.django_db
def test_it_pages_through_a_long_archive_keeping_the_search(reader: Client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(reading, "ARCHIVE_PAGE_SIZE", 2)
    s = make_series()
    for day in range(1, 6):
        make_report(
            s, state=ReportState.PUBLISHED, compiled_at=at(day), sections=[("Läget", "stabilt")]
        )
    url = reverse("reports:archive", args=[s.slug])
    first = reader.get(url, {"q": "stabilt"})
    assert numbers(first) == [5, 4]
    assert "?q=stabilt&amp;sida=2" in first.content.decode()
    assert numbers(reader.get(url, {"q": "stabilt", "sida": 3})) == [1]


@pytest.mark.django_db
def test_it_answers_404_for_an_unknown_series(reader: Client) -> None:
    assert reader.get(reverse("reports:archive", args=["finns-inte"])).status_code == 404
