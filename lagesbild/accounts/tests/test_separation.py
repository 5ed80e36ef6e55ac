"""Two staffs, overlapping people: an editor of one sees and changes nothing of the other."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from lagesbild.accounts.models import User
from lagesbild.communications.models import CommunicationAction
from lagesbild.distribution.models import DistributionList
from lagesbild.distribution.tests.helpers import make_list
from lagesbild.experiences.tests.helpers import make_collection, make_source
from lagesbild.reports.models import ReportState, Series
from lagesbild.reports.tests.helpers import make_report_in_state, make_series_with_template
from lagesbild.testing import make_action, make_member, make_other_staff, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(cast: dict[str, User]) -> dict[str, Any]:
    """Per staff: a series with a draft, an action, a list and a collection with a source."""
    made: dict[str, Any] = {"cast": cast}
    for key, staff in (
        ("s", make_staff(name="Stab Samordning")),
        ("o", make_other_staff(name="Stab Vinter")),
    ):
        series = make_series_with_template(staff=staff, title=f"Rapportserie {key.upper()}")
        author = cast["editor"] if key == "s" else cast["other_member"]
        made[key] = {
            "staff": staff,
            "series": series,
            "draft": make_report_in_state(ReportState.DRAFT, by=author, series=series),
            "action": make_action(staff, title=f"Åtgärd {key.upper()}"),
            "list": make_list(staff, name=f"Sändlista {key.upper()}"),
            "source": make_source(make_collection(staff, title=f"Insamling {key.upper()}")),
        }
    return made


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


LIST_PAGES = [
    reverse("reports:index"),
    reverse("reports:series_list"),
    reverse("distribution:index"),
    reverse("experiences:index"),
    reverse("staff:index"),
]


@pytest.mark.parametrize(
    ("who", "mine", "theirs"), [("editor", "s", "o"), ("other_member", "o", "s")]
)
def test_lists_show_only_the_persons_own_staff(
    two: dict[str, Any], who: str, mine: str, theirs: str
) -> None:
    client = _client(two["cast"][who])
    pages = "".join(client.get(url).content.decode() for url in LIST_PAGES)
    pages += client.get(reverse("communications:index")).content.decode()
    for key, present in ((mine, True), (theirs, False)):
        for text in (
            two[key]["staff"].name,
            two[key]["series"].title,
            two[key]["list"].name,
            two[key]["source"].collection.title,
            reverse("reports:report_edit", args=[two[key]["draft"].pk]),
        ):
            assert (text in pages) is present, (who, text)
    comms = client.get(reverse("communications:index")).content.decode()
    assert two[mine]["action"].title in comms and two[theirs]["action"].title not in comms


def test_a_person_in_both_staffs_sees_both(two: dict[str, Any]) -> None:
    make_member(two["o"]["staff"], two["cast"]["editor"], access_role="editor")
    page = _client(two["cast"]["editor"]).get(reverse("reports:index")).content.decode()
    assert two["s"]["series"].title in page and two["o"]["series"].title in page


def test_links_and_changed_ids_into_the_other_staff_are_refused(two: dict[str, Any]) -> None:
    client = _client(two["cast"]["editor"])
    o = two["o"]
    source = o["source"]
    refused = [
        reverse("reports:report_edit", args=[o["draft"].pk]),
        reverse("reports:series_edit", args=[o["series"].slug]),
        reverse("reports:archive", args=[o["series"].slug]) + "?q=läget",
        reverse("reports:feed", args=[o["series"].slug]),
        reverse("distribution:list_detail", args=[o["list"].pk]),
        reverse("distribution:report_deliveries", args=[o["draft"].pk]),
        reverse("communications:action_edit", args=[o["action"].pk]),
        reverse("communications:index") + f"?stab={o['staff'].slug}",
        reverse("experiences:dashboard", args=[source.collection.slug]),
        reverse("experiences:sources", args=[source.collection.slug]) + "?q=inloggningen",
        reverse("experiences:source", args=[source.collection.slug, source.pk]),
        reverse("staff:staff_detail", args=[o["staff"].slug]),
    ]
    for url in refused:
        assert client.get(url).status_code == 403, url
    # The reading page does not even confirm that the other staff's draft exists.
    assert client.get(reverse("reports:report_detail", args=[o["draft"].pk])).status_code == 404


def test_forms_do_not_offer_or_accept_the_other_staff(two: dict[str, Any]) -> None:
    client = _client(two["cast"]["editor"])
    o = two["o"]
    client.post(
        reverse("reports:series_create"),
        {"staff": o["staff"].pk, "title": "Smygserie", "slug": "smygserie", "description": ""},
    )
    assert not Series.objects.filter(slug="smygserie").exists()
    client.post(reverse("distribution:list_create"), {"staff": o["staff"].pk, "name": "Smyglista"})
    assert not DistributionList.objects.filter(name="Smyglista").exists()
    client.post(
        reverse("communications:action_create", args=[o["staff"].slug]),
        {
            "date": "2025-02-26",
            "title": "Smygåtgärd",
            "url": "https://x.example",
            "channel": "intranet",
        },
    )
    assert not CommunicationAction.objects.filter(title="Smygåtgärd").exists()
    form_page = client.get(reverse("reports:series_create")).content.decode()
    assert o["staff"].name not in form_page and two["s"]["staff"].name in form_page
    # Sections can be given only to people who may write in the report's staff.
    editor_page = client.get(
        reverse("reports:report_edit", args=[two["s"]["draft"].pk])
    ).content.decode()
    assert "other_member" not in editor_page and "ended_member" not in editor_page


def test_the_menu_stays_the_same_on_a_staff_where_the_person_only_reads(
    two: dict[str, Any],
) -> None:
    # The editor of S is only a reader in O: O's page is refused, but an O report they may read
    # shows the menu of everything they do anywhere, and no editing buttons for O.
    make_member(two["o"]["staff"], two["cast"]["editor"], access_role="reader")
    published = make_report_in_state(
        ReportState.PUBLISHED, by=two["cast"]["other_member"], series=two["o"]["series"]
    )
    page = _client(two["cast"]["editor"]).get(reverse("reports:report_detail", args=[published.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert reverse("distribution:index") in html and reverse("experiences:index") in html
    assert reverse("reports:report_edit", args=[published.pk]) not in html


def test_asking_costs_one_query(two: dict[str, Any], django_assert_num_queries: Any) -> None:
    from lagesbild.accounts.permissions import may_map, staffs_for

    editor = two["cast"]["editor"]
    with django_assert_num_queries(1):
        may_map(editor, two["s"]["staff"])
    with django_assert_num_queries(1):
        list(Series.objects.filter(staff__in=staffs_for(editor, "read_drafts")))
