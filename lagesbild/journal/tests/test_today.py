from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lagesbild.decisions.tests.helpers import make_agreement
from lagesbild.journal.tests.helpers import client_for, make_entry, make_task
from lagesbild.testing import make_other_staff, make_staff


@pytest.mark.django_db
def test_the_start_page_shows_what_needs_me_today_from_my_staffs_only(cast: dict) -> None:
    staff = make_staff()
    today = timezone.localdate()
    make_task(staff, owner=cast["editor"], title="Svara på begäran", due_date=today - timedelta(1))
    make_task(staff, owner=cast["contributor"], title="Någon annans", due_date=today)
    make_entry(staff, cast["staff_lead"], text="Leverantören bekräftar planen", key_event=True)
    agreement = make_agreement(staff, kind="pause")
    agreement.obligations.create(
        party="Leverantören",
        description="Rättningsplan",
        owner="X",
        due_date=today + timedelta(days=2),
    )
    other = make_other_staff()
    make_task(other, owner=cast["editor"], title="Annan stabs fråga", due_date=today)
    page = client_for(cast["editor"]).get("/").content.decode()
    assert "Svara på begäran" in page and "försenad" in page
    assert "Någon annans" not in page
    assert "Annan stabs fråga" not in page
    assert "Leverantören bekräftar planen" in page
    assert "Leverantören: Rättningsplan" in page
    assert Client().get("/").status_code == 302  # anonymous visitors go to the reports


@pytest.mark.django_db
def test_the_start_page_says_so_when_nothing_waits(cast: dict) -> None:
    make_staff()
    page = client_for(cast["reader"]).get("/").content.decode()
    assert "Inget väntar på dig i dag." in page
