from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lagesbild.accounts.models import AuditEntry, User
from lagesbild.reports.models import ReportSection, ReportState, SectionKind
from lagesbild.reports.rendering import report_render, sections_freeze
from lagesbild.staff.models import Spokesperson, Staff, StaffMember, StaffRole
from lagesbild.testing import CAST, make_report, make_series, make_spokesperson, make_staff


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_staff_page_groups_members_by_role_and_shows_who_is_active(cast: dict) -> None:
    staff = make_staff(
        name="Samordningsstab VIS", purpose="Samordna pausen.", working_method="Möte kl 8."
    )
    today = timezone.localdate()
    StaffMember.objects.create(staff=staff, name="Lena Lind", staff_role=StaffRole.LEAD)
    StaffMember.objects.create(staff=staff, name="Olof Berg", staff_role=StaffRole.DECISION_MAKER)
    StaffMember.objects.create(
        staff=staff,
        name="Pia Ek",
        staff_role=StaffRole.ADDED,
        event="Driftstörning",
        valid_from=today - timedelta(days=3),
        valid_to=today + timedelta(days=3),
    )
    StaffMember.objects.create(
        staff=staff,
        name="Karl Ås",
        staff_role=StaffRole.ADDED,
        event="Pressträff",
        valid_from=today - timedelta(days=30),
        valid_to=today - timedelta(days=20),
    )
    make_spokesperson(
        staff, name="Eva Berg", title="regiondirektör", phone="010-123 45 67", email="eva@region.se"
    )
    response = client_for(cast["contributor"]).get(reverse("staff:staff_detail", args=[staff.slug]))
    html = response.content.decode()
    groups = {
        g.role: [r.member.name for r in g.rows if r.member.name not in CAST]
        for g in response.context["groups"]
    }
    assert groups == {
        "lead": ["Lena Lind"],
        "decision_maker": ["Olof Berg"],
        "core": [],
        "added": ["Karl Ås", "Pia Ek"],
    }
    rows = {r.member.name: r for g in response.context["groups"] for r in g.rows}
    assert rows["Pia Ek"].is_active and not rows["Karl Ås"].is_active
    assert rows["Karl Ås"].status == "Avslutad"
    assert rows["Pia Ek"].detail == f"till och med {today + timedelta(days=3)}"
    assert "Samordna pausen." in html and "Möte kl 8." in html
    assert 'href="mailto:eva@region.se"' in html and 'href="tel:010-1234567"' in html
    assert "Lägg till medlem" not in html  # contributors read, they do not manage


@pytest.mark.django_db
def test_it_refuses_readers_and_sends_anonymous_visitors_to_login(cast: dict) -> None:
    staff = make_staff()
    assert client_for(cast["reader"]).get(reverse("staff:index")).status_code == 403
    assert (
        client_for(cast["reader"]).get(reverse("staff:staff_detail", args=[staff.slug])).status_code
        == 403
    )
    assert Client().get(reverse("staff:index")).status_code == 302
    assert client_for(cast["editor"]).get(reverse("staff:staff_create")).status_code == 403
    assert client_for(cast["editor"]).get(reverse("staff:index")).status_code == 200


@pytest.mark.django_db
def test_a_staff_lead_creates_and_edits_a_staff_with_an_audit_entry(cast: dict) -> None:
    make_staff()  # where the staff lead leads today
    client = client_for(cast["staff_lead"])
    response = client.post(
        reverse("staff:staff_create"),
        {"name": "Stab VIS", "slug": "stab-vis", "purpose": "Samordna."},
    )
    assert response.status_code == 302
    staff = Staff.objects.get(slug="stab-vis")
    client.post(
        reverse("staff:staff_edit", args=["stab-vis"]),
        {"name": "Stab VIS", "slug": "stab-vis", "purpose": "Nytt syfte."},
    )
    staff.refresh_from_db()
    assert staff.purpose == "Nytt syfte."
    actions = list(
        AuditEntry.objects.filter(object_type="staff.staff", object_id=str(staff.pk)).values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["staff.create", "staff.update"]
    # Who starts a staff leads it, or they could not open what they made.
    lead = StaffMember.objects.get(staff=staff, user=cast["staff_lead"])
    assert (lead.staff_role, lead.access_role) == (StaffRole.LEAD, "editor")


@pytest.mark.django_db
def test_it_refuses_a_reserved_or_taken_short_name(cast: dict) -> None:
    make_staff(slug="upptagen")
    client = client_for(cast["admin"])
    html = client.post(reverse("staff:staff_create"), {"name": "X", "slug": "ny"}).content.decode()
    assert "Kortnamnet är upptaget av systemet" in html
    html = client.post(
        reverse("staff:staff_create"), {"name": "X", "slug": "upptagen"}
    ).content.decode()
    assert "Det finns redan en stab med det kortnamnet." in html


@pytest.mark.django_db
def test_members_are_added_edited_and_removed_with_audit_entries(cast: dict) -> None:
    staff = make_staff()
    client = client_for(cast["admin"])
    client.post(
        reverse("staff:member_create", args=[staff.slug]),
        {
            "name": "Pia Ek",
            "staff_role": "added",
            "event": "Driftstörning",
            "valid_from": "2025-02-20",
            "valid_to": "2025-03-01",
        },
    )
    member = StaffMember.objects.get(staff=staff, name="Pia Ek")
    assert member.valid_to is not None and member.valid_to.isoformat() == "2025-03-01"
    client.post(
        reverse("staff:member_edit", args=[member.pk]), {"name": "Pia Ek", "staff_role": "core"}
    )
    member.refresh_from_db()
    assert member.staff_role == StaffRole.CORE
    assert (
        "Ta bort Pia Ek ur staben?"
        in client.get(reverse("staff:member_delete", args=[member.pk])).content.decode()
    )
    client.post(reverse("staff:member_delete", args=[member.pk]))
    assert not StaffMember.objects.filter(pk=member.pk).exists()
    assert list(
        AuditEntry.objects.filter(object_type="staff.staffmember", object_id=str(member.pk))
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["staff.member_add", "staff.member_update", "staff.member_remove"]


@pytest.mark.django_db
def test_it_refuses_an_end_date_before_the_start_date(cast: dict) -> None:
    staff = make_staff()
    response = client_for(cast["admin"]).post(
        reverse("staff:member_create", args=[staff.slug]),
        {
            "name": "Pia Ek",
            "staff_role": "core",
            "valid_from": "2025-03-01",
            "valid_to": "2025-02-01",
        },
    )
    assert response.status_code == 200
    assert "Till-datumet kan inte vara före från-datumet." in response.content.decode()
    assert not StaffMember.objects.filter(name="Pia Ek").exists()


@pytest.mark.django_db
def test_a_member_added_for_an_event_needs_the_event_and_a_start_date(cast: dict) -> None:
    staff = make_staff()
    html = (
        client_for(cast["admin"])
        .post(
            reverse("staff:member_create", args=[staff.slug]),
            {"name": "Pia Ek", "staff_role": "added"},
        )
        .content.decode()
    )
    assert "Skriv vilken händelse personen är adjungerad för." in html
    assert "Ange från vilket datum personen är adjungerad." in html
    assert not StaffMember.objects.filter(name="Pia Ek").exists()


@pytest.mark.django_db
def test_spokespersons_are_added_edited_and_removed(cast: dict) -> None:
    staff = make_staff()
    client = client_for(cast["staff_lead"])
    client.post(
        reverse("staff:spokesperson_create", args=[staff.slug]),
        {"name": "Eva Berg", "title": "regiondirektör", "email": "eva@region.se", "position": 0},
    )
    person = Spokesperson.objects.get(staff=staff)
    html = client.post(
        reverse("staff:spokesperson_edit", args=[person.pk]),
        {"name": "Eva Berg", "email": "inte-en-adress", "position": 0},
    ).content.decode()
    assert "Skriv en giltig e-postadress" in html
    client.post(reverse("staff:spokesperson_delete", args=[person.pk]))
    assert not Spokesperson.objects.exists()
    assert AuditEntry.objects.filter(action="staff.spokesperson_remove").count() == 1


@pytest.mark.django_db
def test_removing_a_spokesperson_leaves_the_published_report_as_it_was(cast: dict) -> None:
    series = make_series()
    person = make_spokesperson(series.staff, name="Anna Exempel")
    report = make_report(series, sections=[])
    section = ReportSection.objects.create(
        report=report, heading="Talesperson", kind=SectionKind.SPOKESPERSONS
    )
    section.spokespersons.add(person)
    sections_freeze(report)  # what publishing does
    report.state = ReportState.PUBLISHED
    report.save()
    client_for(cast["admin"]).post(
        reverse("staff:spokesperson_delete", args=[person.pk]), follow=True
    )
    assert not Spokesperson.objects.filter(pk=person.pk).exists()
    assert "Anna Exempel" in report_render(report).markdown()
