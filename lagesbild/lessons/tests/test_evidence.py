"""Evidence: what a lesson's support counts, the single-group warning, redacted quotes only."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from lagesbild.experiences.models import Channel
from lagesbild.experiences.tests.helpers import make_source
from lagesbild.lessons.services.evidence import (
    MODERATE,
    SINGLE,
    STRONG,
    WEAK,
    evidence_add,
    lesson_support,
)
from lagesbild.lessons.tests.helpers import make_lesson, make_material, make_published_lesson
from lagesbild.testing import make_other_staff, make_staff
from lagesbild.themes.models import Origin
from lagesbild.themes.tests.helpers import make_code, make_coding


@pytest.fixture
def staff(cast):  # type: ignore[no-untyped-def]
    return make_staff()


@pytest.mark.django_db
def test_a_code_counts_sources_respondents_categories_and_channels(staff) -> None:  # type: ignore[no-untyped-def]
    material = make_material(staff)
    lesson = make_lesson(staff)
    evidence_add(lesson=lesson, actor=None, code=material.code)
    support = lesson_support(lesson)
    # Two web answers of one respondent are one voice; the meeting and the letter one each.
    assert (support.sources, support.respondents) == (4, 3)
    assert len(support.categories) == 3
    assert support.channels == sorted(["Dialogmöte", "Skrivelse", "Webbfråga"])
    assert support.single_group is None and support.strength == STRONG
    assert support.quotes == []  # a code is counted; its passages are not quotes until chosen


@pytest.mark.django_db
def test_engine_proposals_and_blind_samples_do_not_count_but_sub_codes_do(staff) -> None:  # type: ignore[no-untyped-def]
    material = make_material(staff)
    codebook = material.code.codebook
    child = make_code(codebook, name="Övningsmiljö", parent=material.code)
    extra = make_source(
        material.collection, text="Vi fick aldrig öva i systemet.", channel=Channel.INTERVIEW
    )
    make_coding(extra, child)
    unreviewed = make_source(
        material.collection, text="Maskinen tror att detta handlar om utbildning."
    )
    make_coding(unreviewed, material.code, origin=Origin.ENGINE)
    lesson = make_lesson(staff)
    evidence_add(lesson=lesson, actor=None, code=material.code)
    support = lesson_support(lesson)
    assert support.sources == 5
    assert "Djupintervju" in support.channels


@pytest.mark.django_db
def test_chosen_passages_that_rest_on_one_category_say_so(staff) -> None:  # type: ignore[no-untyped-def]
    material = make_material(staff)
    lesson = make_lesson(staff)
    web = [c for c in material.codings if c.source.channel == Channel.WEB]
    for coding in web:
        evidence_add(lesson=lesson, actor=None, coding=coding)
    support = lesson_support(lesson)
    category = web[0].source.category.name
    assert (support.sources, support.respondents, support.categories) == (2, 1, [category])
    assert support.strength == SINGLE
    assert support.single_group == (
        f"Vilar på en enda grupp: kategorin {category} och kanalen Webbfråga."
    )
    assert {q.pk for q in support.quotes} == {c.pk for c in web}


@pytest.mark.django_db
def test_two_categories_and_two_channels_are_moderate_and_notes_alone_weak(staff) -> None:  # type: ignore[no-untyped-def]
    material = make_material(staff)
    lesson = make_lesson(staff)
    for coding in material.codings[:2]:
        evidence_add(lesson=lesson, actor=None, coding=coding)
    assert lesson_support(lesson).strength == MODERATE
    noted = make_lesson(staff)
    evidence_add(lesson=noted, actor=None, note="En verksamhetschef berättade.")
    support = lesson_support(noted)
    assert (support.strength, support.notes, support.single_group) == (WEAK, 1, None)


@pytest.mark.django_db
def test_evidence_is_one_thing_of_the_lessons_own_staff_and_confirmed(staff) -> None:  # type: ignore[no-untyped-def]
    material = make_material(staff)
    lesson = make_lesson(staff)
    with pytest.raises(ValidationError):
        evidence_add(lesson=lesson, actor=None, code=material.code, note="och en anteckning")
    with pytest.raises(ValidationError):
        evidence_add(lesson=lesson, actor=None)
    foreign = make_material(make_other_staff())
    with pytest.raises(ValidationError, match="annan stab"):
        evidence_add(lesson=lesson, actor=None, coding=foreign.codings[0])
    proposal = make_coding(
        make_source(material.collection, text="Förslag från maskinen."),
        material.code,
        origin=Origin.ENGINE,
    )
    with pytest.raises(ValidationError, match="Granska"):
        evidence_add(lesson=lesson, actor=None, coding=proposal)
    first = evidence_add(lesson=lesson, actor=None, coding=material.codings[0])
    assert evidence_add(lesson=lesson, actor=None, coding=material.codings[0]) == first


@pytest.mark.django_db
def test_the_page_shows_redacted_quotes_counts_and_the_warning_to_a_reader(
    client: Client, staff, cast
) -> None:  # type: ignore[no-untyped-def]
    material = make_material(staff)
    source = make_source(
        material.collection,
        text="Anna Svensson på vårdcentralen fick ingen utbildning.",
        channel=Channel.LETTER,
        category=material.sources[1].category,
    )
    from lagesbild.experiences.services import source_mark_personal

    source_mark_personal(source=source, phrase="Anna Svensson", actor=cast["admin"])
    source.refresh_from_db()
    assert "Anna Svensson" not in source.text and "Anna Svensson" in source.original_text
    coding = make_coding(source, material.code)
    lesson = make_published_lesson(staff)  # readers see published lessons only
    evidence_add(lesson=lesson, actor=None, coding=coding)
    client.force_login(cast["reader"])
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert "Anna Svensson" not in html
    assert source.text[:20] in html
    assert "Vilar på en enda grupp" in html and "Skrivelse" in html
    assert "Lägg till belägg" not in html  # a reader reads
