"""Deleting what a published lesson cites is refused with the lesson's name; merging moves it."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from lagesbild.accounts.models import AuditEntry
from lagesbild.lessons.models import LessonEvidence, LessonState
from lagesbild.lessons.services.evidence import evidence_add
from lagesbild.lessons.services.life import lesson_move, lesson_publish
from lagesbild.lessons.tests.helpers import make_lesson, make_material
from lagesbild.testing import make_staff
from lagesbild.themes.models import Coding
from lagesbild.themes.services import code_merge, code_retire, coding_delete
from lagesbild.themes.tests.helpers import make_code


@pytest.fixture
def published(cast):  # type: ignore[no-untyped-def]
    staff = make_staff()
    material = make_material(staff)
    lesson = make_lesson(staff, title="Supportkön räckte inte")
    evidence_add(lesson=lesson, actor=None, coding=material.codings[0])
    evidence_add(lesson=lesson, actor=None, code=material.code)
    lesson_move(lesson=lesson, to=LessonState.IDENTIFIED, actor=None)
    lesson_publish(lesson=lesson, actor=cast["editor"])
    return material, lesson


@pytest.mark.django_db
def test_deleting_a_quoted_coding_is_refused_naming_the_lesson(published) -> None:  # type: ignore[no-untyped-def]
    material, lesson = published
    with pytest.raises(ValidationError) as exc:
        coding_delete(coding=material.codings[0], actor=None)
    assert "L-1 ”Supportkön räckte inte”" in exc.value.messages[0]
    assert Coding.objects.filter(pk=material.codings[0].pk).exists()
    coding_delete(coding=material.codings[1], actor=None)  # not quoted: goes


@pytest.mark.django_db
def test_retiring_a_cited_code_is_refused_naming_the_lesson(published) -> None:  # type: ignore[no-untyped-def]
    material, lesson = published
    with pytest.raises(ValidationError, match="L-1"):
        code_retire(code=material.code, actor=None)
    material.code.refresh_from_db()
    assert material.code.is_active


@pytest.mark.django_db
def test_a_draft_lets_go_of_a_deleted_coding_and_records_it(cast) -> None:  # type: ignore[no-untyped-def]
    staff = make_staff()
    material = make_material(staff)
    draft = make_lesson(staff)
    evidence_add(lesson=draft, actor=None, coding=material.codings[2])
    coding_delete(coding=material.codings[2], actor=cast["analyst"])
    assert not LessonEvidence.objects.filter(lesson=draft).exists()
    assert AuditEntry.objects.filter(
        action="lessons.evidence_remove", object_id=str(draft.pk), actor=cast["analyst"]
    ).exists()


@pytest.mark.django_db
def test_merging_a_cited_code_moves_the_evidence_to_the_target(published) -> None:  # type: ignore[no-untyped-def]
    material, lesson = published
    target = make_code(material.code.codebook, name="Utbildning och övning")
    code_merge(code=material.code, into=target, actor=None)
    assert set(lesson.evidence.exclude(code=None).values_list("code_id", flat=True)) == {target.pk}
    # The quoted coding moved with the merge and is still quoted.
    assert lesson.evidence.filter(coding=material.codings[0]).exists()


@pytest.mark.django_db
def test_the_analysis_pages_show_the_refusal(client: Client, published, cast) -> None:  # type: ignore[no-untyped-def]
    material, lesson = published
    client.force_login(cast["analyst"])
    slug, coding = material.collection.slug, material.codings[0]
    response = client.post(
        f"/analys/{slug}/kallor/{coding.source_id}/kodning/{coding.pk}/",
        {"do": "delete"},
        follow=True,
    )
    assert "Supportkön räckte inte" in response.content.decode()
    assert Coding.objects.filter(pk=coding.pk).exists()
    response = client.post(
        f"/analys/{slug}/koder/{material.code.pk}/", {"do": "retire"}, follow=True
    )
    assert "L-1 ”Supportkön räckte inte”" in response.content.decode()
    material.code.refresh_from_db()
    assert material.code.is_active
