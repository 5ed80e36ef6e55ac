"""A person sees and handles only their own staff's requests, press and FAQ, whatever the URL."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lagesbild.accounts.models import User
from lagesbild.communications.models import FaqEntry, PressInquiry
from lagesbild.records import services
from lagesbild.testing import make_other_staff, make_records_request, make_staff


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_requests_of_another_staff_are_invisible_and_untouchable(cast: dict) -> None:
    ours = make_records_request(make_staff(), description="Vår begäran")
    other_staff = make_other_staff()
    theirs = make_records_request(other_staff, received_at=timezone.now() - timedelta(days=5))
    document = services.document_add(
        request=theirs, title="Deras mejl", kind="email", by=cast["editor"]
    )
    editor = client_for(cast["editor"])
    listing = editor.get(reverse("records:index"))
    assert [row.request for row in listing.context["rows"]] == [ours]
    assert theirs.number not in listing.content.decode()
    for name, args in (
        ("records:request_detail", [theirs.pk]),
        ("records:decision_pdf", [theirs.pk]),
        ("records:request_create", [other_staff.slug]),
    ):
        assert editor.get(reverse(name, args=args)).status_code == 403, name
    for name, args, data in (
        ("records:document_add", [theirs.pk], {"title": "X", "kind": "other"}),
        ("records:request_decide", [theirs.pk], {"outcome": "released"}),
        ("records:request_supplement", [theirs.pk], {"text": "Hej"}),
        ("records:document_review", [document.pk], {f"d{document.pk}-outcome": "full"}),
    ):
        assert editor.post(reverse(name, args=args), data).status_code == 403, name
    theirs.refresh_from_db()
    assert not theirs.is_decided and theirs.notes.count() == 0
    assert (
        editor.get(reverse("records:document_file", args=[document.pk, "original"])).status_code
        == 403
    )
    # The other staff's own editor sees it.
    other = client_for(User.objects.get(username="other_member"))
    assert other.get(reverse("records:request_detail", args=[theirs.pk])).status_code == 200


@pytest.mark.django_db
def test_press_and_faq_of_another_staff_are_out_of_reach(cast: dict) -> None:
    make_staff()
    other_staff = make_other_staff()
    inquiry = PressInquiry.objects.create(
        staff=other_staff, journalist="Eva", outlet="BT", question="?", received_at=timezone.now()
    )
    entry = FaqEntry.objects.create(staff=other_staff, group="Om pausen")
    editor = client_for(cast["editor"])
    assert (
        editor.get(reverse("communications:press"), {"stab": other_staff.slug}).status_code == 404
    )
    assert (
        editor.get(reverse("communications:faq_manage"), {"stab": other_staff.slug}).status_code
        == 404
    )
    assert editor.get(reverse("communications:inquiry_edit", args=[inquiry.pk])).status_code == 403
    assert editor.get(reverse("communications:faq_edit", args=[entry.pk])).status_code == 403
    assert editor.post(reverse("communications:faq_reviewed", args=[entry.pk])).status_code == 403
    assert (
        editor.get(reverse("communications:inquiry_create", args=[other_staff.slug])).status_code
        == 403
    )
