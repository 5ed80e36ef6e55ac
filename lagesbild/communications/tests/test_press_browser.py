from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from lagesbild.communications import services
from lagesbild.communications.models import FaqEntry, MediaCoverage, PressInquiry
from lagesbild.testing import axe_violations, browser_login, make_staff


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_press_and_faq_pages_are_accessible_at_390_px(
    live_server: Any, page: Any, cast: dict
) -> None:
    staff = make_staff()
    PressInquiry.objects.create(
        staff=staff,
        journalist="Eva Lund",
        outlet="Borås Tidning",
        question="Vad kostar pausen?",
        received_at=timezone.now(),
        deadline=timezone.now() - timedelta(hours=1),
    )
    MediaCoverage.objects.create(
        staff=staff,
        date=timezone.localdate(),
        outlet="TT",
        kind="news_agency",
        headline="Region pausar journalsystem",
        topic="Pausöverenskommelsen",
    )
    entry = FaqEntry(staff=staff, group="Om pausen", owner=cast["editor"])
    services.faq_save(
        entry=entry, question="Varför?", answer="För patientsäkerheten.", by=cast["editor"]
    )
    browser_login(page, live_server.url, "editor")
    monday = date.today() - timedelta(days=date.today().weekday())
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in (
            "/kommunikation/press/",
            f"/kommunikation/stab/{staff.slug}/medier/vecka/?fran={monday:%Y-%m-%d}",
            f"/kommunikation/stab/{staff.slug}/press/ny/",
            "/kommunikation/fragor-och-svar/",
            f"/kommunikation/fragor-och-svar/{entry.pk}/",
            f"/kommunikation/stab/{staff.slug}/fragor-och-svar/",
        ):
            page.goto(f"{live_server.url}{path}")
            assert axe_violations(page) == [], (width, path)
            assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth"), (
                width,
                path,
            )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_week_of_coverage_is_copied_with_one_button(
    live_server: Any, page: Any, cast: dict
) -> None:
    staff = make_staff()
    MediaCoverage.objects.create(
        staff=staff,
        date=timezone.localdate(),
        outlet="TT",
        kind="news_agency",
        spread="national",
        headline="Region pausar journalsystem",
        topic="Pausöverenskommelsen",
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    browser_login(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/kommunikation/stab/{staff.slug}/medier/vecka/")
    page.get_by_role("button", name="Kopiera texten").click()
    page.get_by_text("Texten är kopierad.").wait_for(state="visible")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Pausöverenskommelsen: 1 inslag, nationell spridning (TT)." in copied
