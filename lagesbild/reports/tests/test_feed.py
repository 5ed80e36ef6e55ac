import xml.etree.ElementTree as ET
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from lagesbild.reports.models import ReportKind, ReportState
from lagesbild.testing import make_report, make_series

ATOM = "{http://www.w3.org/2005/Atom}"
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.mark.django_db
def test_the_feed_is_atom_with_every_published_report_and_its_content(cast: dict) -> None:
    series = make_series(title="Regional rapport VIS")
    make_report(
        series,
        state=ReportState.PUBLISHED,
        compiled_at=datetime(2025, 2, 20, 8, 30, tzinfo=STOCKHOLM),
        published_at=datetime(2025, 2, 20, 9, 0, tzinfo=STOCKHOLM),
        sections=[("Läget", "- Första rapporten.")],
    )
    make_report(
        series,
        state=ReportState.PUBLISHED,
        kind=ReportKind.EXTRA,
        compiled_at=datetime(2025, 2, 27, 8, 30, tzinfo=STOCKHOLM),
        published_at=datetime(2025, 2, 27, 9, 5, tzinfo=STOCKHOLM),
        sections=[("Läget", "- Andra rapporten.")],
    )
    make_report(series, state=ReportState.DRAFT, sections=[("Läget", "- Utkastet.")])
    client = Client()
    client.force_login(cast["reader"])
    response = client.get(reverse("reports:feed", args=[series.slug]))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == "Regional rapport VIS"
    feed_updated = datetime.fromisoformat(root.findtext(f"{ATOM}updated") or "")
    assert feed_updated == datetime(2025, 2, 27, 9, 5, tzinfo=STOCKHOLM)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    newest = entries[0]
    assert newest.findtext(f"{ATOM}title") == (
        "EXTRA: Regional rapport VIS nr 2 – Sammanställd 2025-02-27 klockan 08.30"
    )
    assert datetime.fromisoformat(newest.findtext(f"{ATOM}updated") or "") == feed_updated
    older_updated = datetime.fromisoformat(entries[1].findtext(f"{ATOM}updated") or "")
    assert older_updated == datetime(2025, 2, 20, 9, 0, tzinfo=STOCKHOLM)
    # Links come from LAGESBILD_SITE_URL, not from the host the request happened to use.
    assert newest.find(f"{ATOM}link").get("href").startswith(settings.SITE_URL + "/rapporter/")
    content = newest.find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html"
    assert "<li>Andra rapporten.</li>" in content.text
    assert "Utkastet" not in response.content.decode()


@pytest.mark.django_db
def test_the_feed_of_a_public_series_needs_no_login() -> None:
    series = make_series(is_public=True)
    make_report(series, state=ReportState.PUBLISHED, sections=[("Läget", "- Öppet.")])
    root = ET.fromstring(Client().get(reverse("reports:feed", args=[series.slug])).content)
    assert len(root.findall(f"{ATOM}entry")) == 1


def test_feed_links_use_the_configured_site_address(client, cast, settings):
    from lagesbild.reports.tests.helpers import make_series_with_template
    from lagesbild.testing import make_report

    settings.SITE_URL = "https://lagesbild.region.example"
    series = make_series_with_template(title="Regional rapport", is_public=True)
    report = make_report(series, state="published")
    body = client.get(f"/rapporter/serie/{series.slug}/flode.atom").content.decode()
    assert f'href="https://lagesbild.region.example/rapporter/{report.pk}/"' in body
    assert "testserver" not in body
