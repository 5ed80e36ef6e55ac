import pytest
from django.utils import timezone

from lagesbild.journal.models import Meeting
from lagesbild.journal.services.journal import entry_correct
from lagesbild.journal.tests.helpers import make_entry, make_task
from lagesbild.testing import axe_violations, browser_login, make_staff


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_journal_pages_are_accessible_and_fit_a_phone(live_server, page, cast) -> None:  # type: ignore[no-untyped-def]
    staff = make_staff()
    entry = make_entry(staff, cast["editor"], text="Samtal från SR Väst.", key_event=True)
    entry_correct(original=entry, by=cast["editor"], text="Samtal från SVT Väst.")
    task = make_task(staff, owner=cast["contributor"])
    meeting = Meeting.objects.create(staff=staff, title="Stabsmöte", held_at=timezone.now())
    browser_login(page, live_server.url, "staff_lead")
    paths = [
        f"/stabsarbete/stab/{staff.slug}/journal/",
        f"/stabsarbete/journal/{entry.pk}/",
        f"/stabsarbete/stab/{staff.slug}/fragor/",
        f"/stabsarbete/fraga/{task.pk}/",
        f"/stabsarbete/mote/{meeting.pk}/",
        "/sok/?q=SVT",  # search across everything finds the corrected entry
    ]
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            assert axe_violations(page) == [], (width, path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, (width, path, overflow)
    page.goto(f"{live_server.url}/sok/?q=SVT")
    assert page.locator("mark", has_text="SVT").count() >= 1
    # The new-entry form opens from its summary with the keyboard.
    page.goto(f"{live_server.url}/stabsarbete/stab/{staff.slug}/journal/")
    page.locator("summary", has_text="Ny anteckning").focus()
    page.keyboard.press("Enter")
    assert page.get_by_label("Vad hände?").is_visible()
