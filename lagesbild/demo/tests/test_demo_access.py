"""The demo's two staffs: each editor sees only their own staff; the ended member sees nothing."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from lagesbild.accounts.models import User
from lagesbild.reports.models import Report, ReportState, SeriesKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.DATA_DIR = tmp_path
    call_command("demo", "--no-serve")


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _draft(slug: str) -> Report:
    # The situation report's draft (the joint report has a draft of its own in the demo).
    return Report.objects.get(
        series__staff__slug=slug, series__kind=SeriesKind.SITUATION, state=ReportState.DRAFT
    )


def test_each_editor_sees_only_their_own_staffs_drafts(demo) -> None:  # type: ignore[no-untyped-def]
    vis, winter = _draft("vis-staben"), _draft("vinterstaben")
    for username, mine, theirs in (("redaktor", vis, winter), ("vinterredaktor", winter, vis)):
        client = _client(username)
        start = client.get(reverse("reports:index")).content.decode()
        assert reverse("reports:report_edit", args=[mine.pk]) in start
        assert reverse("reports:report_edit", args=[theirs.pk]) not in start
        assert theirs.series.title not in start
        assert client.get(reverse("reports:report_edit", args=[mine.pk])).status_code == 200
        assert client.get(reverse("reports:report_edit", args=[theirs.pk])).status_code == 403


def test_people_in_both_staffs_see_both(demo) -> None:  # type: ignore[no-untyped-def]
    start = _client("stabschef").get(reverse("reports:index")).content.decode()
    assert "Regional rapport Samordning" in start and "Lägesrapport vinterberedskap" in start


def test_the_member_added_for_the_storm_has_no_access_after_it(demo) -> None:  # type: ignore[no-untyped-def]
    client = _client("adjungerad")
    assert (
        client.get(reverse("reports:report_edit", args=[_draft("vinterstaben").pk])).status_code
        == 403
    )
    assert (
        "Lägesrapport vinterberedskap" not in client.get(reverse("reports:index")).content.decode()
    )
    staff_page = _client("beredskapschef").get(reverse("staff:staff_detail", args=["vinterstaben"]))
    assert "Lina Öberg" in staff_page.content.decode() and "Avslutad" in staff_page.content.decode()
