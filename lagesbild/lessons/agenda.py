"""Lessons on a staff meeting's agenda: lessons waiting for a decision, actions overdue."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.journal.agenda import AgendaItem, AgendaSection, agenda_contributor
from lagesbild.lessons.models import Lesson, LessonAction, LessonState
from lagesbild.staff.models import Staff


@agenda_contributor
def lessons_to_decide(staff: Staff, since: datetime, until: datetime) -> list[AgendaSection]:
    """Identified lessons not yet published or given actions, and open actions past due.

    The agenda is read with `read_journal`, whose roles all hold `read_drafts`, so it may
    name lessons that are not published (lessons/access.py)."""
    waiting = Lesson.objects.filter(staff=staff, state=LessonState.IDENTIFIED).order_by("number")
    today = timezone.localtime(until).date() if timezone.is_aware(until) else until.date()
    overdue = (
        LessonAction.objects.overdue(today)
        .filter(lesson__staff=staff)
        .select_related("lesson", "owner_user")
    )
    return [
        AgendaSection(
            _("Lärdomar som väntar på beslut"),
            [
                AgendaItem(
                    str(lesson),
                    lesson.get_absolute_url(),
                    "" if lesson.is_published else _("ej publicerad"),
                )
                for lesson in waiting
            ],
        ),
        AgendaSection(
            _("Åtgärder efter lärdomar som är försenade"),
            [
                AgendaItem(
                    f"{a.lesson.code}: {a.text[:100]} ({a.owner_label or _('ingen ansvarig')})",
                    a.lesson.get_absolute_url(),
                    _("försenad"),
                )
                for a in overdue
            ],
        ),
    ]
