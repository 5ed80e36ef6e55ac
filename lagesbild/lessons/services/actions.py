"""A lesson's actions: what should change, who owns it, by when, and who checked it worked."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.permissions import may
from lagesbild.accounts.services import audit_record
from lagesbild.lessons.models import ActionStatus, Lesson, LessonAction, LessonState

A = ActionStatus
# Proposed → planned → done → verified; dropped from anywhere before verified; done may go back
# to planned when the check fails.
STEPS: dict[str, tuple[str, ...]] = {
    A.PROPOSED: (A.PLANNED, A.DROPPED),
    A.PLANNED: (A.PROPOSED, A.DONE, A.DROPPED),
    A.DONE: (A.PLANNED, A.VERIFIED, A.DROPPED),
    A.VERIFIED: (),
    A.DROPPED: (A.PROPOSED,),
}


def _touch(lesson: Lesson) -> None:
    Lesson.objects.filter(pk=lesson.pk).update(updated_at=timezone.now(), version=F("version") + 1)


def _check_owner(lesson: Lesson, owner_user: User | None) -> None:
    if owner_user is not None and not may(owner_user, "lesson_view", lesson.staff):
        raise ValidationError({"owner_user": _("Den ansvariga personen är inte med i staben.")})


def _check_open(lesson: Lesson) -> None:
    if lesson.state in (LessonState.REJECTED, LessonState.MERGED):
        raise ValidationError(_("Lärdomen är avslutad och ändras inte längre."))


@transaction.atomic
def action_add(
    *,
    lesson: Lesson,
    actor: User | None,
    text: str,
    owner_user: User | None = None,
    owner_org: str = "",
    due: date | None = None,
    note: str = "",
) -> LessonAction:
    """A proposed action; it needs an owner and a due date before it can be planned."""
    _check_open(lesson)
    if not text.strip():
        raise ValidationError({"text": _("Beskriv åtgärden.")})
    _check_owner(lesson, owner_user)
    action = LessonAction.objects.create(
        lesson=lesson,
        text=text.strip(),
        owner_user=owner_user,
        owner_org=owner_org.strip(),
        due=due,
        note=note.strip(),
    )
    _touch(lesson)
    audit_record(
        actor=actor,
        action="lessons.action_add",
        obj=lesson,
        summary=action.text[:120],
        details={"action": action.pk, "owner": action.owner_label, "due": str(due or "")},
    )
    return action


@transaction.atomic
def action_update(
    *,
    action: LessonAction,
    actor: User | None,
    text: str,
    owner_user: User | None,
    owner_org: str,
    due: date | None,
    note: str = "",
) -> LessonAction:
    """Change text, owner or due date; a planned action keeps an owner and a due date."""
    _check_open(action.lesson)
    if action.status == A.VERIFIED:
        raise ValidationError(_("En kontrollerad åtgärd ändras inte."))
    if not text.strip():
        raise ValidationError({"text": _("Beskriv åtgärden.")})
    _check_owner(action.lesson, owner_user)
    if action.status in (A.PLANNED, A.DONE):
        _check_plannable(owner_user, owner_org, due)
    before = {"owner": action.owner_label, "due": str(action.due or ""), "text": action.text}
    action.text, action.owner_user, action.owner_org = text.strip(), owner_user, owner_org.strip()
    action.due, action.note = due, note.strip()
    action.save()
    _touch(action.lesson)
    audit_record(
        actor=actor,
        action="lessons.action_update",
        obj=action.lesson,
        summary=action.text[:120],
        details={
            "action": action.pk,
            "before": before,
            "after": {"owner": action.owner_label, "due": str(due or ""), "text": action.text},
        },
    )
    return action


def _check_plannable(owner_user: User | None, owner_org: str, due: date | None) -> None:
    errors = {}
    if owner_user is None and not owner_org.strip():
        errors["owner_org"] = _(
            "En planerad åtgärd behöver en ansvarig: en person eller en organisation."
        )
    if due is None:
        errors["due"] = _("En planerad åtgärd behöver ett datum då den ska vara klar.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def action_set_status(
    *, action: LessonAction, status: str, actor: User | None, note: str = ""
) -> LessonAction:
    """Move an action on; marking it verified records who checked it worked, and when."""
    action = LessonAction.objects.select_for_update().select_related("lesson").get(pk=action.pk)
    _check_open(action.lesson)
    if status not in STEPS.get(action.status, ()):
        raise ValidationError(
            _("En åtgärd som är ”%(a)s” kan inte bli ”%(b)s”.")
            % {"a": action.get_status_display(), "b": ActionStatus(status).label}
        )
    if status == A.PLANNED:
        _check_plannable(action.owner_user, action.owner_org, action.due)
    if status == A.DROPPED and not note.strip():
        raise ValidationError({"note": _("Skriv varför åtgärden stryks.")})
    if status == A.VERIFIED:
        if actor is None:
            raise ValidationError(_("Någon måste kontrollera att åtgärden fungerade."))
        action.verified_by, action.verified_at = actor, timezone.now()
    before = action.status
    action.status = status
    if note.strip():
        action.note = "\n".join(filter(None, [action.note, note.strip()]))
    action.save()
    _touch(action.lesson)
    audit_record(
        actor=actor,
        action="lessons.action_status",
        obj=action.lesson,
        summary=f"{action.text[:80]}: {before} → {status}",
        details={"action": action.pk, "from": before, "to": status, "note": note.strip()},
    )
    return action
