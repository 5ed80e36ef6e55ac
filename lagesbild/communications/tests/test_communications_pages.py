from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from lagesbild.accounts.models import AuditEntry, User
from lagesbild.communications.models import CommunicationAction, Link, LinkCollection
from lagesbild.reports.models import ReportSection, ReportState, SectionKind
from lagesbild.reports.rendering import report_render, sections_freeze
from lagesbild.testing import (
    make_action,
    make_link_collection,
    make_report,
    make_series,
    make_staff,
)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def links_post(title: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        "title": title,
        "links-TOTAL_FORMS": str(len(rows)),
        "links-INITIAL_FORMS": str(initial),
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"links-{i}-{key}"] = value
    return data


@pytest.mark.django_db
def test_it_lists_actions_newest_first_and_filters_by_month(cast: dict) -> None:
    staff = make_staff()
    make_action(staff, date=date(2025, 1, 30), title="Januarinyhet")
    make_action(
        staff, date=date(2025, 2, 26), title="Frågor och svar", url="https://intra.example/fs"
    )
    make_action(staff, date=date(2025, 2, 3), title="Brev till chefer")
    client = client_for(cast["contributor"])
    url = reverse("communications:index")
    response = client.get(url, {"stab": staff.slug})
    assert [a.title for a in response.context["actions"]] == [
        "Frågor och svar",
        "Brev till chefer",
        "Januarinyhet",
    ]
    html = response.content.decode()
    assert '<option value="2025-02">februari 2025</option>' in html
    assert '<a href="https://intra.example/fs">Frågor och svar</a>' in html
    assert '<time datetime="2025-02-26">2025-02-26</time>' in html
    response = client.get(url, {"stab": staff.slug, "manad": "2025-01"})
    assert [a.title for a in response.context["actions"]] == ["Januarinyhet"]
    assert "1 åtgärd i januari 2025." in response.content.decode()


@pytest.mark.django_db
def test_it_refuses_readers_and_non_managers(cast: dict) -> None:
    staff = make_staff()
    assert client_for(cast["reader"]).get(reverse("communications:index")).status_code == 403
    contributor = client_for(cast["contributor"])
    assert (
        contributor.get(reverse("communications:action_create", args=[staff.slug])).status_code
        == 403
    )
    assert "Ny åtgärd" not in contributor.get(reverse("communications:index")).content.decode()


@pytest.mark.django_db
def test_an_editor_creates_edits_and_deletes_an_action_with_audit_entries(cast: dict) -> None:
    staff = make_staff()
    client = client_for(cast["editor"])
    response = client.post(
        reverse("communications:action_create", args=[staff.slug]),
        {
            "date": "2025-02-26",
            "title": "Frågor och svar",
            "url": "https://intra.example/fs",
            "channel": "intranet",
        },
    )
    assert response.status_code == 302
    action = CommunicationAction.objects.get(staff=staff)
    client.post(
        reverse("communications:action_edit", args=[action.pk]),
        {
            "date": "2025-02-27",
            "title": "Frågor och svar, uppdaterad",
            "url": "",
            "channel": "email",
        },
    )
    action.refresh_from_db()
    assert (action.title, action.channel, action.date) == (
        "Frågor och svar, uppdaterad",
        "email",
        date(2025, 2, 27),
    )
    client.post(reverse("communications:action_delete", args=[action.pk]))
    assert not CommunicationAction.objects.exists()
    assert list(
        AuditEntry.objects.filter(object_type="communications.communicationaction")
        .order_by("id")
        .values_list("action", flat=True)
    ) == [
        "communications.action_create",
        "communications.action_update",
        "communications.action_remove",
    ]


@pytest.mark.django_db
def test_it_explains_a_missing_date_and_a_bad_link(cast: dict) -> None:
    staff = make_staff()
    html = (
        client_for(cast["editor"])
        .post(
            reverse("communications:action_create", args=[staff.slug]),
            {"date": "", "title": "X", "url": "inte en länk", "channel": "intranet"},
        )
        .content.decode()
    )
    assert "Ange datum." in html
    assert "Skriv en fullständig adress" in html
    assert not CommunicationAction.objects.exists()


@pytest.mark.django_db
def test_removing_an_action_leaves_the_published_report_as_it_was(cast: dict) -> None:
    series = make_series()
    action = make_action(series.staff, title="Nyhet om pausen")
    report = make_report(series, sections=[])
    section = ReportSection.objects.create(
        report=report, heading="Åtgärder", kind=SectionKind.ACTIONS
    )
    section.actions.add(action)
    sections_freeze(report)  # what publishing does
    report.state = ReportState.PUBLISHED
    report.save()
    client = client_for(cast["editor"])
    client.post(reverse("communications:action_delete", args=[action.pk]), follow=True)
    assert not CommunicationAction.objects.filter(pk=action.pk).exists()
    assert "Nyhet om pausen" in report_render(report).markdown()


@pytest.mark.django_db
def test_a_link_collection_is_created_with_links_in_order(cast: dict) -> None:
    staff = make_staff()
    client = client_for(cast["editor"])
    response = client.post(
        reverse("communications:collection_create", args=[staff.slug]),
        links_post(
            "Samlad information",
            [
                {"title": "Andra", "url": "https://intra.example/2", "position": "2"},
                {"title": "Första", "url": "https://intra.example/1", "position": "1"},
                {"title": "", "url": "", "position": ""},
            ],
        ),
    )
    assert response.status_code == 302
    collection = LinkCollection.objects.get(staff=staff)
    assert [(link.title, link.position) for link in collection.links.all()] == [
        ("Första", 0),
        ("Andra", 1),
    ]
    assert AuditEntry.objects.filter(action="communications.collection_create").count() == 1


@pytest.mark.django_db
def test_links_are_reordered_removed_and_added(cast: dict) -> None:
    staff = make_staff()
    collection = make_link_collection(
        staff, [("A", "https://x.example/a"), ("B", "https://x.example/b"), ("C", "/c")]
    )
    a, b, c = collection.links.all()
    client = client_for(cast["editor"])
    response = client.post(
        reverse("communications:collection_edit", args=[collection.pk]),
        links_post(
            "Samlad information",
            [
                {"id": str(a.pk), "title": "A", "url": "https://x.example/a", "position": "5"},
                {
                    "id": str(b.pk),
                    "title": "B",
                    "url": "https://x.example/b",
                    "position": "1",
                    "DELETE": "on",
                },
                {"id": str(c.pk), "title": "C", "url": "/c", "position": "0"},
                {"title": "D", "url": "mailto:info@region.se", "position": "9"},
            ],
            initial=3,
        ),
    )
    assert response.status_code == 302
    assert [link.title for link in collection.links.all()] == ["C", "A", "D"]
    assert not Link.objects.filter(pk=b.pk).exists()


@pytest.mark.django_db
def test_it_refuses_a_link_without_an_address(cast: dict) -> None:
    staff = make_staff()
    response = client_for(cast["editor"]).post(
        reverse("communications:collection_create", args=[staff.slug]),
        links_post("Samlad information", [{"title": "Ingen adress", "url": "", "position": "0"}]),
    )
    assert response.status_code == 200
    assert "Skriv adressen till länken." in response.content.decode()
    assert not LinkCollection.objects.exists()


@pytest.mark.django_db
def test_a_blank_row_offers_the_next_position_so_a_new_link_goes_last(cast: dict) -> None:
    collection = make_link_collection(make_staff(), [("A", "/a"), ("B", "/b")])
    response = client_for(cast["editor"]).get(
        reverse("communications:collection_edit", args=[collection.pk])
    )
    formset = response.context["formset"]
    assert [f["position"].value() for f in formset.forms] == [0, 1, 2, 3, 4]
