"""Lessons on the start page: "Mina åtgärder", the lesson actions this person owns."""

from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import staffs_for
from lagesbild.journal.today import TodayItem, TodayPanel, today_contributor
from lagesbild.lessons.access import visible_q
from lagesbild.lessons.models import LessonAction

SOON_DAYS = 14


@today_contributor
def my_lesson_actions(user: Any, today: date) -> list[TodayPanel]:
    if not getattr(user, "is_authenticated", False):
        return []
    staffs = list(staffs_for(user, "lesson_view"))
    actions = (
        LessonAction.objects.open()
        .filter(visible_q(user, "lesson__"), owner_user=user)
        .select_related("lesson")
        .order_by("due", "id")[:8]
    )
    items = []
    for a in actions:
        flag = ""
        if a.due and a.due < today:
            flag = _("försenad")
        elif a.due and a.due <= today + timedelta(days=SOON_DAYS):
            flag = _("snart")
        due = f" · {a.due:%-d/%-m}" if a.due else ""
        items.append(
            TodayItem(a.text[:100], a.lesson.get_absolute_url(), flag, f"{a.lesson.code}{due}")
        )
    link = reverse("lessons:actions_due", args=[staffs[0].slug]) + "?mina=1" if staffs else ""
    return [
        TodayPanel(
            _("Mina åtgärder"),
            items,
            order=35,
            link=link,
            link_text=_("Åtgärder att följa upp"),
        )
    ]
