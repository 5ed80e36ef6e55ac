from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from lagesbild.records import services
from lagesbild.testing import axe_violations, browser_login, make_records_request, make_staff

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_requests_list_and_a_request_are_accessible_at_390_px(
    live_server: Any, page: Any, cast: dict
) -> None:
    staff = make_staff()
    make_records_request(staff, received_at=timezone.now() - timedelta(days=6))
    request = make_records_request(staff, requester_name="Eva Lund, Borås Tidning")
    services.document_add(
        request=request, title="Mejl 12 februari", kind="email", by=cast["editor"]
    )
    browser_login(page, live_server.url, "editor")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in (
            "/diarium/",
            f"/diarium/{request.pk}/",
            "/diarium/statistik/",
            "/diarium/utlamnat/?q=mejl",
            f"/diarium/stab/{staff.slug}/ny/",
        ):
            page.goto(f"{live_server.url}{path}")
            assert axe_violations(page) == [], (width, path)
            # Nothing may force sideways scrolling of the whole page on a phone.
            overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            assert not overflow, (width, path)
    # The review form opens with a keyboard and shows the OSL error in Swedish.
    page.goto(f"{live_server.url}/diarium/{request.pk}/")
    page.get_by_text("Pröva sekretess").first.click()
    page.get_by_label("Lämnas ut med maskeringar").check()
    page.get_by_role("button", name="Spara prövningen").click()
    assert page.get_by_text("Ange lagrum i OSL").first.is_visible()
