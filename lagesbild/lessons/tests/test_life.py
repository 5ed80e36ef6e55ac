"""A lesson's life and its rules: every refusal in the service and through crafted POSTs."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from lagesbild.accounts.models import AuditEntry
from lagesbild.journal.models import JournalEntry
from lagesbild.lessons.models import ActionStatus, LessonEvidence, LessonMove, LessonState
from lagesbild.lessons.services.actions import action_add, action_set_status
from lagesbild.lessons.services.evidence import evidence_add, evidence_remove
from lagesbild.lessons.services.life import lesson_move, lesson_publish, lesson_update
from lagesbild.lessons.tests.helpers import make_lesson, make_material
from lagesbild.testing import make_staff

S = LessonState


@pytest.fixture
def staff(cast):  # type: ignore[no-untyped-def]
    return make_staff()


@pytest.mark.django_db
def test_lessons_are_numbered_per_staff_and_their_first_step_is_recorded(staff, cast) -> None:  # type: ignore[no-untyped-def]
    a = make_lesson(staff, actor=cast["analyst"])
    b = make_lesson(staff)
    other = make_lesson(make_staff())
    assert (a.code, b.code, other.code) == ("L-1", "L-2", "L-1")
    assert a.state == S.OBSERVATION
    assert list(a.moves.values_list("to_state", "by__username")) == [(S.OBSERVATION, "analyst")]
    assert AuditEntry.objects.filter(action="lessons.lesson_create", object_id=str(a.pk)).exists()


@pytest.mark.django_db
def test_it_refuses_identified_without_evidence_or_a_reason(staff, cast) -> None:  # type: ignore[no-untyped-def]
    lesson = make_lesson(staff)
    with pytest.raises(ValidationError, match="belägg"):
        lesson_move(lesson=lesson, to=S.IDENTIFIED, actor=cast["analyst"])
    lesson.refresh_from_db()
    assert lesson.state == S.OBSERVATION and lesson.moves.count() == 1
    lesson_update(
        lesson=lesson,
        version=lesson.version,
        actor=cast["analyst"],
        title=lesson.title,
        observation="",
        statement=lesson.statement,
        area="training",
        reason="Iakttaget av stabschefen på plats; ingen källa registrerad.",
    )
    lesson_move(lesson=lesson, to=S.IDENTIFIED, actor=cast["analyst"], note="Tydligt mönster")
    lesson.refresh_from_db()
    assert lesson.state == S.IDENTIFIED


@pytest.mark.django_db
def test_identified_needs_a_statement_and_evidence_counts_as_grounds(staff, cast) -> None:  # type: ignore[no-untyped-def]
    lesson = make_lesson(staff, statement="")
    evidence_add(lesson=lesson, actor=cast["analyst"], note="Enhetschef på Östra berättade.")
    with pytest.raises(ValidationError) as exc:
        lesson_move(lesson=lesson, to=S.IDENTIFIED, actor=cast["analyst"])
    assert "statement" in exc.value.error_dict


@pytest.mark.django_db
def test_identified_and_learned_are_journalled_and_every_move_audited(staff, cast) -> None:  # type: ignore[no-untyped-def]
    lesson = make_lesson(staff)
    evidence_add(lesson=lesson, actor=cast["analyst"], note="Sagt på dialogmöte i Borås.")
    lesson_move(lesson=lesson, to=S.IDENTIFIED, actor=cast["analyst"])
    action = action_add(
        lesson=lesson,
        actor=cast["analyst"],
        text="Utbilda två veckor före start",
        owner_org="Regionens utbildningsenhet",
        due=date(2026, 3, 1),
    )
    lesson_move(lesson=lesson, to=S.ACTION, actor=cast["analyst"])
    for status in (ActionStatus.PLANNED, ActionStatus.DONE, ActionStatus.VERIFIED):
        action_set_status(action=action, status=status, actor=cast["editor"], note="ok")
    lesson_move(lesson=lesson, to=S.LEARNED, actor=cast["staff_lead"])
    texts = list(JournalEntry.objects.filter(staff=staff).values_list("text", flat=True))
    assert any(t.startswith("Lärdom identifierad: L-1") for t in texts)
    assert any(t.startswith("Lärdom dragen: L-1") for t in texts)
    assert len(texts) == 2  # the action step is not a journal event
    moves = list(lesson.moves.values_list("from_state", "to_state"))
    assert moves[1:] == [
        (S.OBSERVATION, S.IDENTIFIED),
        (S.IDENTIFIED, S.ACTION),
        (S.ACTION, S.LEARNED),
    ]
    assert (
        AuditEntry.objects.filter(action="lessons.lesson_move", object_id=str(lesson.pk)).count()
        == 3
    )
    action.refresh_from_db()
    assert action.verified_by == cast["editor"] and action.verified_at is not None


@pytest.mark.django_db
def test_an_action_without_owner_or_due_date_cannot_be_planned(staff, cast) -> None:  # type: ignore[no-untyped-def]
    lesson = make_lesson(staff)
    no_owner = action_add(
        lesson=lesson, actor=None, text="Testa integrationer", due=date(2026, 5, 1)
    )
    no_due = action_add(lesson=lesson, actor=None, text="Ny supportkö", owner_user=cast["editor"])
    with pytest.raises(ValidationError) as exc:
        action_set_status(action=no_owner, status=ActionStatus.PLANNED, actor=cast["editor"])
    assert "owner_org" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        action_set_status(action=no_due, status=ActionStatus.PLANNED, actor=cast["editor"])
    assert "due" in exc.value.error_dict
    no_owner.refresh_from_db()
    assert no_owner.status == ActionStatus.PROPOSED
    person = action_add(
        lesson=lesson,
        actor=None,
        text="Avsätt tid",
        owner_user=cast["editor"],
        due=date(2026, 5, 1),
    )
    assert (
        action_set_status(action=person, status=ActionStatus.PLANNED, actor=None).status
        == "planned"
    )


@pytest.mark.django_db
def test_learned_needs_every_action_that_is_not_dropped_done_and_verified(staff, cast) -> None:  # type: ignore[no-untyped-def]
    lesson = make_lesson(staff, reason="Stabens egen iakttagelse.")
    lesson_move(lesson=lesson, to=S.IDENTIFIED, actor=None)
    with pytest.raises(ValidationError, match="minst en åtgärd"):
        lesson_move(lesson=lesson, to=S.ACTION, actor=None)
    first = action_add(lesson=lesson, actor=None, text="A", owner_org="IT", due=date(2026, 1, 1))
    second = action_add(lesson=lesson, actor=None, text="B", owner_org="IT", due=date(2026, 1, 1))
    lesson_move(lesson=lesson, to=S.ACTION, actor=None)
    for status in (ActionStatus.PLANNED, ActionStatus.DONE):
        action_set_status(action=first, status=status, actor=cast["editor"])
    with pytest.raises(ValidationError, match="kontrollerad"):
        lesson_move(lesson=lesson, to=S.LEARNED, actor=cast["staff_lead"])
    action_set_status(action=first, status=ActionStatus.VERIFIED, actor=cast["staff_lead"])
    with pytest.raises(ValidationError, match="B"):
        lesson_move(lesson=lesson, to=S.LEARNED, actor=cast["staff_lead"])
    with pytest.raises(ValidationError):  # dropping needs a reason
        action_set_status(action=second, status=ActionStatus.DROPPED, actor=cast["editor"])
    action_set_status(
        action=second, status=ActionStatus.DROPPED, actor=cast["editor"], note="Ersatt av A"
    )
    lesson_move(lesson=lesson, to=S.LEARNED, actor=cast["staff_lead"])
    lesson.refresh_from_db()
    assert lesson.state == S.LEARNED


@pytest.mark.django_db
def test_rejected_needs_a_reason_and_merged_a_target_whose_evidence_it_joins(staff, cast) -> None:  # type: ignore[no-untyped-def]
    material = make_material(staff)
    lesson, target = make_lesson(staff), make_lesson(staff)
    evidence_add(lesson=lesson, actor=None, coding=material.codings[0])
    evidence_add(lesson=target, actor=None, coding=material.codings[0])
    evidence_add(lesson=lesson, actor=None, code=material.code)
    with pytest.raises(ValidationError) as exc:
        lesson_move(lesson=lesson, to=S.REJECTED, actor=None, note="  ")
    assert "note" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        lesson_move(lesson=lesson, to=S.MERGED, actor=None, note="Samma sak")
    assert "into" in exc.value.error_dict
    with pytest.raises(ValidationError):
        lesson_move(lesson=lesson, to=S.MERGED, actor=None, into=make_lesson(make_staff()))
    lesson_move(lesson=lesson, to=S.MERGED, actor=None, into=target, note="Samma sak")
    lesson.refresh_from_db()
    assert (lesson.state, lesson.merged_into, lesson.reason) == (S.MERGED, target, "Samma sak")
    cited = LessonEvidence.objects.filter(lesson=target)
    assert cited.count() == 2 and cited.filter(code=material.code).exists()
    with pytest.raises(ValidationError):  # a merged lesson is final
        lesson_move(lesson=lesson, to=S.IDENTIFIED, actor=None)
    other = make_lesson(staff)
    lesson_move(lesson=other, to=S.REJECTED, actor=None, note="Enstaka händelse")
    other.refresh_from_db()
    assert other.state == S.REJECTED and other.reason == "Enstaka händelse"


@pytest.mark.django_db
def test_a_lesson_cannot_be_published_without_evidence_or_a_reason(staff, cast) -> None:  # type: ignore[no-untyped-def]
    lesson = make_lesson(staff)
    evidence = evidence_add(lesson=lesson, actor=None, note="Sagt i intervju.")
    with pytest.raises(ValidationError):  # an observation is not published
        lesson_publish(lesson=lesson, actor=cast["editor"])
    lesson_move(lesson=lesson, to=S.IDENTIFIED, actor=None)
    lesson_publish(lesson=lesson, actor=cast["editor"])
    lesson.refresh_from_db()
    assert lesson.is_published
    with pytest.raises(ValidationError):  # the last evidence of a published lesson stays
        evidence_remove(evidence=evidence, actor=None)
    lesson_publish(lesson=lesson, actor=cast["editor"], publish=False)
    evidence_remove(evidence=evidence, actor=None)
    lesson.refresh_from_db()
    with pytest.raises(ValidationError, match="belägg"):
        lesson_publish(lesson=lesson, actor=cast["editor"])
    assert not lesson.is_published
    assert AuditEntry.objects.filter(action="lessons.lesson_publish").count() == 1
    assert AuditEntry.objects.filter(action="lessons.lesson_unpublish").count() == 1


@pytest.mark.django_db
def test_a_stale_edit_is_refused(staff, cast) -> None:  # type: ignore[no-untyped-def]
    lesson = make_lesson(staff)
    old = lesson.version
    lesson_update(
        lesson=lesson,
        version=old,
        actor=None,
        title="Ny rubrik",
        observation="",
        statement="",
        area="vendor",
        reason="",
    )
    with pytest.raises(ValidationError, match="Någon annan"):
        lesson_update(
            lesson=lesson,
            version=old,
            actor=None,
            title="Annan rubrik",
            observation="",
            statement="",
            area="vendor",
            reason="",
        )


@pytest.mark.django_db
def test_crafted_posts_get_the_same_refusals(client: Client, staff, cast) -> None:  # type: ignore[no-untyped-def]
    lesson = make_lesson(staff)
    client.force_login(cast["staff_lead"])
    response = client.post(f"/lardomar/{lesson.pk}/flytta/identified/", {"version": lesson.version})
    assert response.status_code == 200
    assert "minst ett belägg" in response.content.decode()
    response = client.post(f"/lardomar/{lesson.pk}/flytta/rejected/", {"note": ""})
    assert response.status_code == 200
    client.post(f"/lardomar/{lesson.pk}/publicera/", {"do": "publish"})
    lesson.refresh_from_db()
    assert lesson.state == S.OBSERVATION and not lesson.is_published
    assert LessonMove.objects.filter(lesson=lesson).count() == 1
    action = action_add(lesson=lesson, actor=None, text="Utan ansvarig")
    response = client.post(f"/lardomar/atgard/{action.pk}/status/planned/", {"note": ""})
    assert response.status_code == 200 and "ansvarig" in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.PROPOSED
    response = client.post(f"/lardomar/{lesson.pk}/flytta/merged/", {"note": "x"})
    assert response.status_code == 200
    lesson.refresh_from_db()
    assert lesson.state == S.OBSERVATION
