"""Pages, permissions and separation; search, the start page, the agenda, the analysis link."""

from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lagesbild.journal.today import panels_for
from lagesbild.lessons.agenda import lessons_to_decide
from lagesbild.lessons.models import ActionStatus, Lesson, LessonEvidence, LessonState
from lagesbild.lessons.services.actions import action_add, action_set_status
from lagesbild.lessons.services.evidence import evidence_add
from lagesbild.lessons.services.life import lesson_move
from lagesbild.lessons.tests.helpers import make_lesson, make_material, make_published_lesson
from lagesbild.search.query import search_for
from lagesbild.testing import make_other_staff, make_staff


@pytest.fixture
def staff(cast):  # type: ignore[no-untyped-def]
    return make_staff()


@pytest.mark.django_db
def test_a_reader_reads_but_cannot_change_and_an_outsider_gets_403(
    client: Client, staff, cast
) -> None:  # type: ignore[no-untyped-def]
    lesson = make_published_lesson(staff, title="Integrationerna testades inte hela vägen")
    client.force_login(cast["reader"])
    assert client.get(f"/lardomar/stab/{staff.slug}/").status_code == 200
    assert client.get(lesson.get_absolute_url()).status_code == 200
    for url in (
        f"/lardomar/stab/{staff.slug}/ny/",
        f"/lardomar/{lesson.pk}/redigera/",
        f"/lardomar/{lesson.pk}/belagg/",
        f"/lardomar/{lesson.pk}/flytta/rejected/",
        f"/lardomar/{lesson.pk}/atgard/ny/",
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/lardomar/{lesson.pk}/publicera/", {"do": "publish"}).status_code == 403
    client.force_login(cast["analyst"])  # writes, does not publish
    assert client.get(f"/lardomar/{lesson.pk}/redigera/").status_code == 200
    assert client.post(f"/lardomar/{lesson.pk}/publicera/", {"do": "publish"}).status_code == 403
    client.force_login(cast["other_member"])
    for url in (
        lesson.get_absolute_url(),
        f"/lardomar/stab/{staff.slug}/",
        f"/lardomar/stab/{staff.slug}/atgarder/",
    ):
        assert client.get(url).status_code == 403, url
    client.logout()
    assert client.get(lesson.get_absolute_url()).status_code == 302


@pytest.mark.django_db
def test_an_analyst_writes_a_lesson_and_adds_evidence_from_its_page(
    client: Client, staff, cast
) -> None:  # type: ignore[no-untyped-def]
    material = make_material(staff)
    client.force_login(cast["analyst"])
    response = client.post(
        f"/lardomar/stab/{staff.slug}/ny/",
        {"title": "Utbildningen kom för tidigt", "area": "training", "observation": "Glömt"},
    )
    lesson = Lesson.objects.get(staff=staff)
    assert response.url == f"/lardomar/{lesson.pk}/belagg/"
    page = client.get(f"/lardomar/{lesson.pk}/belagg/?q=utbildning").content.decode()
    assert "Utbildning för tidigt" in page
    page = client.get(f"/lardomar/{lesson.pk}/belagg/?kod={material.code.pk}").content.decode()
    assert material.sources[0].text in page
    client.post(
        f"/lardomar/{lesson.pk}/belagg/?kod={material.code.pk}",
        {"do": "codings", "coding": [material.codings[0].pk, material.codings[1].pk]},
    )
    client.post(f"/lardomar/{lesson.pk}/belagg/", {"do": "code", "code": material.code.pk})
    client.post(f"/lardomar/{lesson.pk}/belagg/", {"do": "note", "note": "Sagt i Borås."})
    assert LessonEvidence.objects.filter(lesson=lesson).count() == 4
    foreign = make_material(make_other_staff())
    response = client.post(
        f"/lardomar/{lesson.pk}/belagg/", {"do": "code", "code": foreign.code.pk}
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_add_to_lesson_from_a_code_segment_or_a_new_observation(
    client: Client, staff, cast
) -> None:  # type: ignore[no-untyped-def]
    material = make_material(staff)
    existing = make_lesson(staff)
    client.force_login(cast["analyst"])
    code_page = client.get(f"/analys/{material.collection.slug}/koder/{material.code.pk}/")
    assert (
        f"/lardomar/fran-analysen/?kodning={material.codings[0].pk}" in code_page.content.decode()
    )
    url = f"/lardomar/fran-analysen/?kodning={material.codings[0].pk}"
    assert client.get(url).status_code == 200
    client.post(url, {"lesson": existing.pk})
    assert existing.evidence.filter(coding=material.codings[0]).exists()
    client.post(f"/lardomar/fran-analysen/?kod={material.code.pk}", {"title": "Ny från temat"})
    made = Lesson.objects.get(title="Ny från temat")
    assert made.evidence.filter(code=material.code).exists()
    client.force_login(cast["other_member"])
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_the_list_filters_by_area_state_strength_and_owner(client: Client, staff, cast) -> None:  # type: ignore[no-untyped-def]
    material = make_material(staff)
    strong = make_lesson(staff, title="Stark lärdom", area="training")
    evidence_add(lesson=strong, actor=None, code=material.code)
    single = make_lesson(staff, title="Enkel grupp", area="vendor")
    evidence_add(lesson=single, actor=None, coding=material.codings[2])
    action_add(
        lesson=single, actor=None, text="Ny kö", owner_org="Leverantören", due=date(2026, 1, 1)
    )
    rejected = make_lesson(staff, title="Avfärdad sak")
    lesson_move(lesson=rejected, to=LessonState.REJECTED, actor=None, note="Enstaka")
    client.force_login(cast["contributor"])  # sees the lessons not published too
    base = f"/lardomar/stab/{staff.slug}/"

    def titles(query: str) -> set[str]:
        html = client.get(base + query).content.decode()
        return {t for t in ("Stark lärdom", "Enkel grupp", "Avfärdad sak") if t in html}

    assert titles("") == {"Stark lärdom", "Enkel grupp"}
    assert titles("?lage=alla") == {"Stark lärdom", "Enkel grupp", "Avfärdad sak"}
    assert titles("?omrade=training") == {"Stark lärdom"}
    assert titles("?stod=strong") == {"Stark lärdom"}
    assert titles("?stod=single") == {"Enkel grupp"}
    assert titles("?agare=Leverantören") == {"Enkel grupp"}
    assert titles("?lage=rejected") == {"Avfärdad sak"}


@pytest.mark.django_db
def test_search_finds_a_lesson_only_for_those_in_its_staff(staff, cast) -> None:  # type: ignore[no-untyped-def]
    make_published_lesson(staff, title="Medicinlistorna blev fel vid övergången")

    def found(user) -> list[str]:  # type: ignore[no-untyped-def]
        return [
            h.text
            for g in search_for(user=user, query="medicinlistorna", kind="lesson")
            for h in g.hits
        ]

    assert found(cast["reader"]) == ["L-1 Medicinlistorna blev fel vid övergången"]
    assert found(cast["other_member"]) == []


@pytest.mark.django_db
def test_my_actions_on_the_start_page_and_overdue_ones_on_the_agenda(staff, cast) -> None:  # type: ignore[no-untyped-def]
    lesson = make_lesson(staff, title="Superanvändare utan tid")
    today = timezone.localdate()
    late = action_add(
        lesson=lesson,
        actor=None,
        text="Avsätt tid för superanvändare",
        owner_user=cast["editor"],
        due=today - timedelta(days=3),
    )
    action_set_status(action=late, status=ActionStatus.PLANNED, actor=None)
    panels = [p for p in panels_for(cast["editor"], today) if p.title == "Mina åtgärder"]
    assert [(i.text, i.flag) for i in panels[0].items] == [
        ("Avsätt tid för superanvändare", "försenad")
    ]
    assert not [p for p in panels_for(cast["analyst"], today) if p.title == "Mina åtgärder"]
    lesson.reason = "Iakttaget"
    lesson.save()
    lesson_move(lesson=lesson, to=LessonState.IDENTIFIED, actor=None)
    now = timezone.now()
    sections = lessons_to_decide(staff, now - timedelta(days=7), now)
    assert [i.text for i in sections[0].items] == ["L-1 Superanvändare utan tid"]
    assert sections[1].items[0].text.startswith("L-1: Avsätt tid för superanvändare")
    assert isinstance(now, datetime)


@pytest.mark.django_db
def test_actions_due_lists_overdue_first_and_mine(client: Client, staff, cast) -> None:  # type: ignore[no-untyped-def]
    lesson = make_lesson(staff)
    today = timezone.localdate()
    action_add(
        lesson=lesson,
        actor=None,
        text="Försenad sak",
        owner_org="IT",
        due=today - timedelta(days=1),
    )
    action_add(
        lesson=lesson,
        actor=None,
        text="Min sak",
        owner_user=cast["editor"],
        due=today + timedelta(days=9),
    )
    client.force_login(cast["editor"])
    html = client.get(f"/lardomar/stab/{staff.slug}/atgarder/").content.decode()
    assert html.index("Försenad sak") < html.index("Min sak")
    mine = client.get(f"/lardomar/stab/{staff.slug}/atgarder/?mina=1").content.decode()
    assert "Min sak" in mine and "Försenad sak" not in mine
