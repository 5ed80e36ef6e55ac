import pytest
from django.test import Client
from django.urls import reverse

from lagesbild.reports.models import ReportState
from lagesbild.testing import make_report, make_series


@pytest.mark.django_db
def test_anonymous_visitors_read_published_reports_of_a_public_series() -> None:
    series = make_series(is_public=True)
    report = make_report(series, state=ReportState.PUBLISHED, sections=[("Läget", "Öppen text.")])
    client = Client()
    response = client.get(reverse("reports:report_detail", args=[report.pk]))
    assert response.status_code == 200
    assert "Öppen text." in response.content.decode()
    assert client.get(reverse("reports:archive", args=[series.slug])).status_code == 200
    assert client.get(reverse("reports:feed", args=[series.slug])).status_code == 200
    assert client.get(reverse("reports:report_changes", args=[report.pk])).status_code == 200


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login_for_a_non_public_series() -> None:
    series = make_series(is_public=False)
    report = make_report(series, state=ReportState.PUBLISHED)
    client = Client()
    for url in (
        reverse("reports:report_detail", args=[report.pk]),
        reverse("reports:report_changes", args=[report.pk]),
        reverse("reports:archive", args=[series.slug]),
        reverse("reports:feed", args=[series.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/konto/logga-in/"), url


@pytest.mark.django_db
def test_anonymous_visitors_never_see_drafts_even_in_a_public_series() -> None:
    series = make_series(is_public=True)
    draft = make_report(series, state=ReportState.APPROVED, sections=[("Läget", "Hemligt utkast.")])
    response = Client().get(reverse("reports:report_detail", args=[draft.pk]))
    assert response.status_code == 302
    assert "Hemligt utkast." not in response.content.decode()
    archive = Client().get(reverse("reports:archive", args=[series.slug])).content.decode()
    assert reverse("reports:report_detail", args=[draft.pk]) not in archive
