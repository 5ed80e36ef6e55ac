"""The journal's panels on the start page: my questions, and today's key events."""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import staffs_for
from lagesbild.journal.models import JournalEntry, Task
from lagesbild.journal.today import TodayItem, TodayPanel, today_contributor


@today_contributor
def my_tasks(user: Any, today: date) -> list[TodayPanel]:
    tasks = (
        Task.objects.open()
        .filter(owner=user, staff__in=staffs_for(user, "read_journal"))
        .select_related("staff")
        .order_by("due_date", "priority")
    )
    items = []
    for task in tasks[:12]:
        flag = ""
        if task.is_overdue(today):
            flag = _("försenad")
        elif task.due_date == today:
            flag = _("i dag")
        due = (
            _("klart senast %(day)s") % {"day": f"{task.due_date:%-d/%-m}"} if task.due_date else ""
        )
        note = " · ".join(p for p in (task.staff.name, due) if p)
        items.append(TodayItem(task.title, task.get_absolute_url(), flag, note))
    return [TodayPanel(_("Mina frågor"), items, order=20)]


@today_contributor
def key_events(user: Any, today: date) -> list[TodayPanel]:
    since = timezone.make_aware(datetime.combine(today - timedelta(days=1), time.min))
    entries = (
        JournalEntry.objects.filter(
            staff__in=staffs_for(user, "read_journal"), key_event=True, event_at__gte=since
        )
        .select_related("staff")
        .order_by("-event_at")[:8]
    )
    items = [
        TodayItem(
            f"{timezone.localtime(e.event_at):%H.%M} {e.text.splitlines()[0][:140]}",
            e.get_absolute_url(),
            note=e.staff.name,
        )
        for e in entries
    ]
    staffs = list(staffs_for(user, "read_journal")[:1])
    link = reverse("journal:journal", args=[staffs[0].slug]) if staffs else ""
    return [
        TodayPanel(
            _("Nyckelhändelser sedan i går"),
            items,
            order=70,
            link=link,
            link_text=_("Till stabsjournalen"),
        )
    ]
