import pytest

from lagesbild.lessons.models import ActionStatus, LessonState
from lagesbild.lessons.services.actions import action_add, action_set_status
from lagesbild.lessons.services.evidence import evidence_add
from lagesbild.lessons.services.life import lesson_move
from lagesbild.lessons.tests.helpers import make_lesson, make_material
from lagesbild.testing import axe_violations, browser_login, make_staff


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_lesson_pages_are_accessible_and_fit_a_phone(live_server, page, cast) -> None:  # type: ignore[no-untyped-def]
    staff = make_staff()
    material = make_material(staff)
    lesson = make_lesson(staff, title="Utbildningen kom för tidigt och glömdes bort")
    for coding in material.codings[2:]:  # two web answers of one category: a single group
        evidence_add(lesson=lesson, actor=None, coding=coding)
    evidence_add(lesson=lesson, actor=None, note="En enhetschef berättade om samma sak.")
    lesson_move(lesson=lesson, to=LessonState.IDENTIFIED, actor=cast["analyst"])
    action = action_add(
        lesson=lesson, actor=None, text="Utbilda högst tre veckor före start",
        owner_user=cast["editor"], owner_org="Regionens utbildningsenhet", due="2026-01-15",
    )  # fmt: skip
    action_set_status(action=action, status=ActionStatus.PLANNED, actor=None)
    browser_login(page, live_server.url, "analyst")
    paths = [
        lesson.get_absolute_url(),
        f"/lardomar/stab/{staff.slug}/",
        f"/lardomar/stab/{staff.slug}/atgarder/",
        f"/lardomar/{lesson.pk}/belagg/?kod={material.code.pk}",
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
    page.goto(f"{live_server.url}{lesson.get_absolute_url()}")
    warning = page.locator(".single-group")
    assert warning.is_visible() and "Vilar på en enda grupp" in warning.inner_text()
