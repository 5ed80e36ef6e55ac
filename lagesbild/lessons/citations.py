"""Lessons' say in the analysis workspace: a published lesson's codes and quotes stay put."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from lagesbild.accounts.services import audit_record
from lagesbild.lessons.models import LessonEvidence
from lagesbild.themes import guards
from lagesbild.themes.models import Code, Coding


def _citing(objs: Sequence[Any]) -> Any:
    codes = [o.pk for o in objs if isinstance(o, Code)]
    codings = [o.pk for o in objs if isinstance(o, Coding)]
    return LessonEvidence.objects.filter(Q(code_id__in=codes) | Q(coding_id__in=codings))


@guards.deletion_guard
def published_lessons_keep_their_evidence(objs: Sequence[Any]) -> list[str]:
    rows = _citing(objs).filter(lesson__is_published=True).select_related("lesson")
    lessons = {ev.lesson.pk: ev.lesson for ev in rows}
    return [
        _(
            "Den publicerade lärdomen %(lesson)s citerar det här. Ta bort belägget från "
            "lärdomen eller avpublicera den först."
        )
        % {"lesson": f"{lesson.code} ”{lesson.title}”"}
        for lesson in sorted(lessons.values(), key=lambda lesson: lesson.number)
    ]


@guards.deletion_release
def drafts_let_go(objs: Sequence[Any], actor: Any) -> None:
    """An unpublished lesson loses the quote with a note in its audit trail."""
    for ev in _citing(objs).filter(lesson__is_published=False).select_related("lesson"):
        audit_record(
            actor=actor,
            action="lessons.evidence_remove",
            obj=ev.lesson,
            summary=_("Citatet togs bort i analysen: %(what)s") % {"what": str(ev)[:100]},
        )
        ev.delete()


@guards.merge_listener
def evidence_follows_the_merge(code: Code, into: Code, actor: Any) -> None:
    """Evidence citing a merged code cites the code it was merged into (never twice)."""
    for ev in LessonEvidence.objects.filter(code=code).select_related("lesson"):
        if LessonEvidence.objects.filter(lesson=ev.lesson, code=into).exists():
            ev.delete()
        else:
            LessonEvidence.objects.filter(pk=ev.pk).update(code=into)
        audit_record(
            actor=actor,
            action="lessons.evidence_merge",
            obj=ev.lesson,
            summary=f"{code.name} → {into.name}",
        )
