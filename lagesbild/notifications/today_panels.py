"""Unread notifications on the start page, beside what each app lists."""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from lagesbild.journal.today import TodayItem, TodayPanel, today_contributor
from lagesbild.notifications.services import notifications_unread


@today_contributor
def unread(user: Any, today: date) -> list[TodayPanel]:
    items = [TodayItem(n.subject(), n.url) for n in notifications_unread(user=user, limit=8)]
    return [TodayPanel(_("Nya aviseringar"), items, order=1)]
