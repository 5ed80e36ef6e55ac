"""The demo's week of coverage around the pause agreement, its press inquiries and FAQ."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from lagesbild.communications.coverage import summarise
from lagesbild.communications.models import FaqEntry, MediaCoverage, PressInquiry


@pytest.mark.django_db
def test_the_demo_has_a_week_of_coverage_inquiries_and_an_faq(settings: Any, tmp_path: Any) -> None:
    settings.DATA_DIR = tmp_path
    call_command("demo", "--no-serve")
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday() + 7)
    week = MediaCoverage.objects.filter(date__range=(monday, monday + timedelta(days=6)))
    first = summarise(week)[0]
    assert (first.topic, first.items, first.spread) == ("Pausöverenskommelsen", 23, "nationell")
    now = timezone.now()
    urgencies = {i.urgency(now) for i in PressInquiry.objects.all()}
    assert {"overdue", "today", "later", "closed"} <= urgencies
    entries = list(FaqEntry.objects.prefetch_related("versions"))
    assert len(entries) == 7
    assert any(e.current().number == 2 for e in entries)  # type: ignore[union-attr]
    assert sum(e.is_stale(now, settings.FAQ_STALE_DAYS) for e in entries) == 2
