import pytest

from lagesbild.testing import (
    axe_violations,
    browser_login,
    make_action,
    make_link_collection,
    make_staff,
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_communication_pages_have_no_accessibility_violations(live_server, page, cast) -> None:  # type: ignore[no-untyped-def]
    staff = make_staff()
    make_action(staff, title="Frågor och svar", description="Uppdaterad.")
    collection = make_link_collection(staff)
    browser_login(page, live_server.url, "editor")
    for path in (
        "/kommunikation/",
        f"/kommunikation/stab/{staff.slug}/atgarder/ny/",
        f"/kommunikation/lanksamling/{collection.pk}/redigera/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert axe_violations(page) == [], path
