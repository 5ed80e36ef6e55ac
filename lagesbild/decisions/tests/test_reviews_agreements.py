import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lagesbild.decisions.models import Finding, Obligation, Review
from lagesbild.decisions.services.agreements import obligations_due
from lagesbild.decisions.tests.helpers import client_for, make_agreement, make_review
from lagesbild.testing import make_staff


@pytest.mark.django_db
def test_findings_are_numbered_and_a_partial_response_needs_its_reason(cast: dict) -> None:
    staff = make_staff()
    review = make_review(staff)
    client = client_for(cast["editor"])
    url = reverse("decisions:finding_create", args=[review.pk])
    base = {"title": "Otydlig styrning", "severity": "high", "status": "open"}
    assert client.post(url, {**base, "response": ""}).status_code == 302
    response = client.post(url, {**base, "title": "Svaga sanktioner", "response": "partly"})
    assert "Motivera varför staben inte instämmer helt" in response.content.decode()
    assert (
        client.post(
            url,
            {
                **base,
                "title": "Svaga sanktioner",
                "response": "partly",
                "response_reason": "Delvis.",
            },
        ).status_code
        == 302
    )
    assert [(f.number, f.title) for f in Finding.objects.order_by("number")] == [
        (1, "Otydlig styrning"),
        (2, "Svaga sanktioner"),
    ]
    listing = client.get(reverse("decisions:review_list", args=[staff.slug]))
    row = listing.context["reviews"][0]
    assert (row.n_findings, row.n_answered, row.n_done) == (2, 1, 0)


@pytest.mark.django_db
def test_it_refuses_a_review_report_that_is_not_what_it_claims(cast: dict) -> None:
    staff = make_staff()
    fake = SimpleUploadedFile("granskning.pdf", b"<html>inte en pdf</html>", "application/pdf")
    response = client_for(cast["editor"]).post(
        reverse("decisions:review_create", args=[staff.slug]),
        {"title": "Granskning", "reviewer": "Revisio", "document": fake},
    )
    assert response.status_code == 200
    assert "rätt filändelse men fel innehåll" in response.content.decode()
    assert not Review.objects.exists()
    real = SimpleUploadedFile("granskning.pdf", b"%PDF-1.7\n...", "application/pdf")
    response = client_for(cast["editor"]).post(
        reverse("decisions:review_create", args=[staff.slug]),
        {"title": "Granskning", "reviewer": "Revisio", "document": real},
    )
    assert response.status_code == 302
    assert Review.objects.get().document.name.endswith(".pdf")


@pytest.mark.django_db
def test_the_pause_agreement_says_how_long_it_has_run(cast: dict) -> None:
    staff = make_staff()
    signed = timezone.localdate() - timedelta(days=64)
    agreement = make_agreement(staff, kind="pause", signed_on=signed)
    assert agreement.days_running() == 64 and agreement.until_further_notice
    page = client_for(cast["contributor"]).get(
        reverse("decisions:agreement_detail", args=[agreement.pk])
    )
    assert "Gäller tills vidare och har gällt i 64 dagar." in page.content.decode()
    ended = make_agreement(staff, signed_on=date(2026, 1, 1), ends_on=date(2026, 1, 31))
    assert ended.days_running(today=date(2026, 6, 1)) == 30


@pytest.mark.django_db
def test_an_obligation_needs_a_due_date_and_the_due_ones_are_listed(cast: dict) -> None:
    staff = make_staff()
    agreement = make_agreement(staff)
    client = client_for(cast["editor"])
    url = reverse("decisions:obligation_add", args=[agreement.pk])
    data = {
        "party": "Leverantören",
        "description": "Rättningsplan",
        "owner": "Projektchef",
        "status": "planned",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and not Obligation.objects.exists()
    soon = timezone.localdate() + timedelta(days=3)
    assert client.post(url, {**data, "due_date": soon.isoformat()}).status_code == 302
    far = timezone.localdate() + timedelta(days=90)
    client.post(url, {**data, "description": "Senare", "due_date": far.isoformat()})
    assert [o.description for o in obligations_due(staff=staff)] == ["Rättningsplan"]
    edit = reverse("decisions:followup_edit", args=["atagande", Obligation.objects.first().pk])
    response = client.post(edit, {**data, "due_date": soon.isoformat(), "status": "done"})
    assert response.status_code == 302
    assert obligations_due(staff=staff) == []


@pytest.mark.django_db
def test_the_member_named_to_follow_an_obligation_up_is_reminded_instead_of_the_lead(
    cast: dict,
) -> None:
    from django.core.management import call_command

    from lagesbild.notifications.models import Kind, Notification

    staff = make_staff()
    agreement = make_agreement(staff)
    client = client_for(cast["editor"])
    url = reverse("decisions:obligation_add", args=[agreement.pk])
    soon = (timezone.localdate() + timedelta(days=1)).isoformat()
    data = {"party": "Leverantören", "owner": "Projektchef", "status": "planned", "due_date": soon}
    # Someone who may not open the agreement cannot be named, not even by a crafted POST.
    for outsider in ("reader", "ended_member", "other_member"):
        response = client.post(
            url, {**data, "description": "Fel", "followed_by": cast[outsider].pk}
        )
        assert response.status_code == 200, outsider
    assert not Obligation.objects.exists()
    named = {**data, "description": "Rättningsplan", "followed_by": cast["contributor"].pk}
    assert client.post(url, named).status_code == 302
    assert client.post(url, {**data, "description": "Testmiljö"}).status_code == 302
    page = client.get(reverse("decisions:agreement_detail", args=[agreement.pk])).content.decode()
    assert "följs upp av" in page

    call_command("notify_deadlines", stdout=io.StringIO())
    told = Notification.objects.filter(kind=Kind.OBLIGATION_DUE)
    to_contributor = told.filter(user=cast["contributor"])
    assert [n.params["obligation"] for n in to_contributor] == ["Rättningsplan"]
    to_lead = told.filter(user=cast["staff_lead"])
    assert [n.params["obligation"] for n in to_lead] == ["Testmiljö"]
