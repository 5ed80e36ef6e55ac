"""Readers see published lessons only; the rest of the staff sees the work in progress too.

A lesson that is not published needs `read_drafts`, as a report draft does (lessons/access.py).
"""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from lagesbild.accounts.permissions import MATRIX as RIGHTS
from lagesbild.journal.today import panels_for
from lagesbild.lessons.models import LessonState
from lagesbild.lessons.report_parts import latest_lessons, lessons_section
from lagesbild.lessons.services.actions import action_add
from lagesbild.lessons.services.life import lesson_move, lesson_publish
from lagesbild.lessons.tests.helpers import make_lesson, make_published_lesson
from lagesbild.reports.citations import markdown_errors
from lagesbild.search.models import SearchDocument
from lagesbild.search.query import search_for
from lagesbild.testing import make_other_staff, make_staff

PUBLISHED, UNPUBLISHED = "Inloggningen tar för lång tid", "Inloggningen krånglar i hemtjänsten"

# (person, sees the published lesson, sees the unpublished one); the detail page's answer for
# the unpublished lesson: 404 where it is hidden, as a report draft's reading page.
MATRIX = [
    ("reader", True, False),
    ("editor", True, True),
    ("contributor", True, True),
    ("analyst", True, True),
]


def test_those_who_see_unpublished_lessons_see_lessons_and_include_the_agendas_readers() -> None:
    assert RIGHTS["read_drafts"] <= RIGHTS["lesson_view"]
    assert "reader" not in RIGHTS["read_drafts"]
    # The meeting agenda (read_journal) lists identified lessons that are not yet published.
    assert RIGHTS["read_journal"] <= RIGHTS["read_drafts"]


@pytest.fixture
def lessons(cast):  # type: ignore[no-untyped-def]
    staff = make_staff()
    published = make_published_lesson(staff, title=PUBLISHED)
    unpublished = make_lesson(staff, title=UNPUBLISHED)
    return staff, published, unpublished


def _found(user, query: str = "inloggningen") -> set[str]:  # type: ignore[no-untyped-def]
    groups = search_for(user=user, query=query, kind="lesson")
    return {h.text.split(" ", 1)[1] for g in groups for h in g.hits}


@pytest.mark.django_db
@pytest.mark.parametrize(("person", "sees_published", "sees_unpublished"), MATRIX)
def test_who_sees_published_and_unpublished_lessons_on_list_detail_and_search(
    client: Client, cast, lessons, person: str, sees_published: bool, sees_unpublished: bool
) -> None:  # type: ignore[no-untyped-def]
    staff, published, unpublished = lessons
    client.force_login(cast[person])
    html = client.get(f"/lardomar/stab/{staff.slug}/").content.decode()
    assert (PUBLISHED in html, UNPUBLISHED in html) == (sees_published, sees_unpublished)
    assert client.get(published.get_absolute_url()).status_code == 200
    expected = 200 if sees_unpublished else 404
    assert client.get(unpublished.get_absolute_url()).status_code == expected
    wanted = {PUBLISHED} | ({UNPUBLISHED} if sees_unpublished else set())
    assert _found(cast[person]) == wanted


@pytest.mark.django_db
def test_another_staffs_member_gets_403_for_a_published_lesson_and_404_for_one_not_published(
    client: Client, cast, lessons
) -> None:  # type: ignore[no-untyped-def]
    _staff, published, unpublished = lessons
    make_other_staff()  # where other_member is an editor: lessons are open to them there
    client.force_login(cast["other_member"])
    assert client.get(published.get_absolute_url()).status_code == 403
    assert client.get(unpublished.get_absolute_url()).status_code == 404
    assert _found(cast["other_member"]) == set()


@pytest.mark.django_db
def test_publishing_and_unpublishing_moves_the_lesson_in_and_out_of_a_readers_view(
    client: Client, cast, lessons
) -> None:  # type: ignore[no-untyped-def]
    _staff, _published, lesson = lessons
    reader = cast["reader"]
    client.force_login(reader)
    lesson.reason = "Iakttaget"
    lesson.save()
    lesson_move(lesson=lesson, to=LessonState.IDENTIFIED, actor=None)
    assert UNPUBLISHED not in _found(reader)  # identified is not published
    lesson_publish(lesson=lesson, actor=None)
    assert UNPUBLISHED in _found(reader)
    assert client.get(lesson.get_absolute_url()).status_code == 200
    lesson_move(lesson=lesson, to=LessonState.OBSERVATION, actor=None)  # unpublishes it
    assert UNPUBLISHED not in _found(reader)
    assert client.get(lesson.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_reader_sees_actions_of_published_lessons_only_in_follow_up_and_on_the_start_page(
    client: Client, cast, lessons
) -> None:  # type: ignore[no-untyped-def]
    staff, published, unpublished = lessons
    due = timezone.localdate() + timedelta(days=3)
    for lesson, text in ((published, "Publicerad åtgärd"), (unpublished, "Hemlig åtgärd")):
        action_add(lesson=lesson, actor=None, text=text, owner_user=cast["reader"], due=due)

    def on_start_page(person: str) -> set[str]:
        panels = panels_for(cast[person], timezone.localdate())
        return {i.text for p in panels if p.title == "Mina åtgärder" for i in p.items}

    assert on_start_page("reader") == {"Publicerad åtgärd"}
    client.force_login(cast["reader"])
    html = client.get(f"/lardomar/stab/{staff.slug}/atgarder/").content.decode()
    assert "Publicerad åtgärd" in html and "Hemlig åtgärd" not in html
    client.force_login(cast["editor"])
    html = client.get(f"/lardomar/stab/{staff.slug}/atgarder/").content.decode()
    assert "Publicerad åtgärd" in html and "Hemlig åtgärd" in html


@pytest.mark.django_db
def test_a_merged_lesson_is_not_listed_on_its_targets_page_for_a_reader(
    client: Client, cast, lessons
) -> None:  # type: ignore[no-untyped-def]
    _staff, published, unpublished = lessons
    lesson_move(lesson=unpublished, to=LessonState.MERGED, actor=None, into=published)
    client.force_login(cast["reader"])
    assert UNPUBLISHED not in client.get(published.get_absolute_url()).content.decode()
    client.force_login(cast["editor"])
    assert UNPUBLISHED in client.get(published.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_joint_report_draws_on_published_lessons_only(lessons) -> None:  # type: ignore[no-untyped-def]
    staff, published, unpublished = lessons
    assert markdown_errors(f"[@lärdom:{published.number}]", staff) == []
    assert markdown_errors(f"[@lärdom:{unpublished.number}]", staff) != []
    for markdown in (lessons_section(staff), latest_lessons(staff)):
        assert PUBLISHED in markdown and UNPUBLISHED not in markdown


@pytest.mark.django_db
def test_the_migration_makes_existing_entries_of_unpublished_lessons_need_read_drafts(
    lessons,
) -> None:  # type: ignore[no-untyped-def]
    _staff, published, unpublished = lessons
    SearchDocument.objects.filter(kind="lesson").update(action="lesson_view")  # as before
    migration = importlib.import_module(
        "lagesbild.lessons.migrations.0002_unpublished_lessons_in_search"
    )
    migration.forward(apps, None)
    actions = dict(SearchDocument.objects.filter(kind="lesson").values_list("object_id", "action"))
    assert actions == {published.pk: "lesson_view", unpublished.pk: "read_drafts"}
