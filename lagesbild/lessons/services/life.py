"""A lesson's life: create, edit, move between states, publish. Every change is audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.journal.models import Category
from lagesbild.journal.services.journal import journal_record
from lagesbild.lessons.models import ActionStatus, Lesson, LessonMove, LessonState
from lagesbild.search.services import search_update
from lagesbild.staff.models import Staff

S = LessonState
# Where a lesson may go from each state. Rejected and merged are final; learned may reopen
# to action when a check shows the change did not hold.
MOVES: dict[str, tuple[str, ...]] = {
    S.OBSERVATION: (S.IDENTIFIED, S.REJECTED, S.MERGED),
    S.IDENTIFIED: (S.OBSERVATION, S.ACTION, S.REJECTED, S.MERGED),
    S.ACTION: (S.IDENTIFIED, S.LEARNED, S.REJECTED, S.MERGED),
    S.LEARNED: (S.ACTION,),
    S.REJECTED: (),
    S.MERGED: (),
}


class StaleLesson(ValidationError):
    """Someone else changed the lesson since the form was opened."""


def _stale() -> StaleLesson:
    return StaleLesson(
        _(
            "Någon annan har ändrat lärdomen medan du hade den öppen. "
            "Läs in sidan igen och gör ändringen på nytt."
        )
    )


def _bump(lesson: Lesson, version: int | None, **fields: object) -> None:
    """Write fields and the next version in one UPDATE, refused if the version is stale."""
    rows = Lesson.objects.filter(pk=lesson.pk)
    if version is not None:
        rows = rows.filter(version=version)
    if not rows.update(updated_at=timezone.now(), version=F("version") + 1, **fields):
        raise _stale()
    lesson.refresh_from_db()


def _has_grounds(lesson: Lesson) -> bool:
    return lesson.evidence.exists() or bool(lesson.reason.strip())


def _no_grounds_message() -> str:
    return _(
        "Lärdomen behöver minst ett belägg (en kod, ett citat eller en anteckning) "
        "eller en skriven motivering till varför den står utan belägg."
    )


@transaction.atomic
def lesson_create(
    *,
    staff: Staff,
    actor: User | None,
    title: str,
    observation: str = "",
    statement: str = "",
    area: str = "other",
    reason: str = "",
) -> Lesson:
    """A new lesson starts as an observation, numbered L-1, L-2… within its staff."""
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Lärdomen behöver en rubrik.")})
    # Lock the staff row so two people creating at once do not take the same number.
    Staff.objects.select_for_update().filter(pk=staff.pk).first()
    top = Lesson.objects.filter(staff=staff).aggregate(n=Max("number"))["n"] or 0
    lesson = Lesson.objects.create(
        staff=staff,
        number=top + 1,
        title=title,
        observation=observation,
        statement=statement,
        area=area,
        reason=reason.strip(),
        created_by=actor,
    )
    LessonMove.objects.create(lesson=lesson, from_state="", to_state=S.OBSERVATION, by=actor)
    search_update(obj=lesson)
    audit_record(actor=actor, action="lessons.lesson_create", obj=lesson, summary=str(lesson))
    return lesson


@transaction.atomic
def lesson_update(
    *,
    lesson: Lesson,
    version: int,
    actor: User | None,
    title: str,
    observation: str,
    statement: str,
    area: str,
    reason: str,
) -> Lesson:
    """Edit the text; refused if someone changed the lesson since `version`."""
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Lärdomen behöver en rubrik.")})
    if lesson.state in (S.REJECTED, S.MERGED) and not reason.strip():
        raise ValidationError(
            {"reason": _("En avfärdad eller sammanslagen lärdom behåller sin motivering.")}
        )
    before = {"title": lesson.title, "area": lesson.area, "reason": lesson.reason}
    if lesson.is_published and not reason.strip() and not lesson.evidence.exists():
        raise ValidationError({"reason": _no_grounds_message()})
    _bump(
        lesson,
        version,
        title=title,
        observation=observation,
        statement=statement,
        area=area,
        reason=reason.strip(),
    )
    search_update(obj=lesson)
    audit_record(
        actor=actor,
        action="lessons.lesson_update",
        obj=lesson,
        summary=str(lesson),
        details={
            "before": before,
            "after": {"title": title, "area": area, "reason": lesson.reason},
        },
    )
    return lesson


def _check_move(lesson: Lesson, to: str, note: str, into: Lesson | None) -> None:
    if to not in MOVES.get(lesson.state, ()):
        raise ValidationError(
            _("En lärdom i läget ”%(a)s” kan inte flyttas till ”%(b)s”.")
            % {"a": lesson.get_state_display(), "b": LessonState(to).label}
        )
    if to == S.IDENTIFIED and not _has_grounds(lesson):
        raise ValidationError(_no_grounds_message())
    if to == S.IDENTIFIED and not lesson.statement.strip():
        raise ValidationError(
            {"statement": _("Skriv lärdomen för en läsare innan den markeras som identifierad.")}
        )
    if to == S.REJECTED and not note.strip():
        raise ValidationError({"note": _("Skriv varför lärdomen avfärdas.")})
    if to == S.MERGED:
        if into is None:
            raise ValidationError({"into": _("Välj lärdomen som den slås ihop med.")})
        if into.pk == lesson.pk or into.staff_id != lesson.staff_id:
            raise ValidationError({"into": _("Välj en annan lärdom i samma stab.")})
        if into.state in (S.REJECTED, S.MERGED):
            raise ValidationError({"into": _("Lärdomen att slå ihop med är avslutad.")})
    if to == S.ACTION and not lesson.actions.exclude(status=ActionStatus.DROPPED).exists():
        raise ValidationError(_("Lägg till minst en åtgärd innan lärdomen går till åtgärd."))
    if to == S.LEARNED:
        actions = list(lesson.actions.exclude(status=ActionStatus.DROPPED))
        if not actions:
            raise ValidationError(_("En dragen lärdom behöver minst en genomförd åtgärd."))
        unverified = [
            a for a in actions if a.status != ActionStatus.VERIFIED or not a.verified_by_id
        ]
        if unverified:
            raise ValidationError(
                _(
                    "Varje åtgärd som inte är struken måste vara genomförd och kontrollerad av "
                    "någon innan lärdomen är dragen. Kvar: %(list)s"
                )
                % {"list": "; ".join(a.text[:60] for a in unverified)}
            )


@transaction.atomic
def lesson_move(
    *,
    lesson: Lesson,
    to: str,
    actor: User | None,
    note: str = "",
    into: Lesson | None = None,
    version: int | None = None,
) -> LessonMove:
    """1. Refuse a move the rules forbid. 2. Record the move. 3. Audit; journal the milestones."""
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    if version is not None and version != lesson.version:
        raise _stale()
    _check_move(lesson, to, note, into)
    from_state = lesson.state
    fields: dict[str, object] = {"state": to}
    if to in (S.REJECTED, S.MERGED):
        fields["reason"] = note.strip() or lesson.reason
        fields["merged_into"] = into
    if to in (S.OBSERVATION, S.REJECTED, S.MERGED):
        fields["is_published"] = False  # only identified, acted-on and learned lessons are shown
    _bump(lesson, None, **fields)
    move = LessonMove.objects.create(
        lesson=lesson, from_state=from_state, to_state=to, by=actor, note=note.strip()
    )
    if to == S.MERGED and into is not None:
        _merge_evidence(lesson, into, actor)
    search_update(obj=lesson)
    audit_record(
        actor=actor,
        action="lessons.lesson_move",
        obj=lesson,
        summary=f"{lesson.code}: {from_state} → {to}",
        details={"from": from_state, "to": to, "note": note.strip(), "into": into and into.pk},
    )
    if to in (S.IDENTIFIED, S.LEARNED):
        text = (
            _("Lärdom identifierad: %(lesson)s")
            if to == S.IDENTIFIED
            else _("Lärdom dragen: %(lesson)s")
        ) % {"lesson": str(lesson)}
        journal_record(
            staff=lesson.staff, category=Category.OTHER, text=text, about=lesson, by=actor
        )
    return move


def _merge_evidence(lesson: Lesson, into: Lesson, actor: User | None) -> None:
    """The merged lesson's evidence is cited by the one it joined too (never twice)."""
    from lagesbild.lessons.models import LessonEvidence

    have_codes = set(into.evidence.values_list("code_id", flat=True))
    have_codings = set(into.evidence.values_list("coding_id", flat=True))
    for ev in lesson.evidence.all():
        if (ev.code_id and ev.code_id in have_codes) or (
            ev.coding_id and ev.coding_id in have_codings
        ):
            continue
        LessonEvidence.objects.create(
            lesson=into, code=ev.code, coding=ev.coding, note=ev.note, added_by=actor
        )


@transaction.atomic
def lesson_publish(*, lesson: Lesson, actor: User | None, publish: bool = True) -> Lesson:
    """Allow (or stop) a lesson being shown in the joint report and on public pages."""
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    if publish:
        if not _has_grounds(lesson):
            raise ValidationError(_no_grounds_message())
        if lesson.state in (S.OBSERVATION, S.REJECTED, S.MERGED):
            raise ValidationError(
                _(
                    "Bara identifierade lärdomar, lärdomar med åtgärd och dragna lärdomar publiceras."
                )
            )
    if lesson.is_published == publish:
        return lesson
    _bump(lesson, None, is_published=publish)
    search_update(obj=lesson)
    audit_record(
        actor=actor,
        action="lessons.lesson_publish" if publish else "lessons.lesson_unpublish",
        obj=lesson,
        summary=str(lesson),
    )
    return lesson
