import pytest

from lagesbild.staff.models import StaffMember, StaffRole
from lagesbild.testing import axe_violations, browser_login, make_spokesperson, make_staff


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_staff_pages_have_no_accessibility_violations(live_server, page, cast) -> None:  # type: ignore[no-untyped-def]
    staff = make_staff(name="Samordningsstab VIS", purpose="Samordna.")
    StaffMember.objects.create(staff=staff, name="Lena Lind", staff_role=StaffRole.LEAD)
    make_spokesperson(staff, email="anna@region.se")
    browser_login(page, live_server.url, "staff_lead")
    for path in ("/stab/", f"/stab/{staff.slug}/", f"/stab/{staff.slug}/medlemmar/ny/"):
        page.goto(f"{live_server.url}{path}")
        assert axe_violations(page) == [], path
    # A form sent back with errors must stay accessible too.
    page.get_by_label("Namn").fill("Pia Ek")
    page.get_by_label("Roll i staben").select_option("added")
    page.get_by_role("button", name="Spara").click()
    assert page.get_by_text("Skriv vilken händelse personen är adjungerad för.").first.is_visible()
    assert axe_violations(page) == []
