"""The report cycle's panels on the start page: my sections, reports awaiting my approval, and
the next report's deadline with what is still missing."""

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import staffs_for
from lagesbild.journal.today import TodayItem, TodayPanel, today_contributor
from lagesbild.reports.models import (
    EDITABLE_STATES,
    Report,
    ReportSection,
    ReportState,
    SectionStatus,
)


def _deadline(report: Report) -> str:
    if report.deadline is None:
        return ""
    return _("deadline %(at)s") % {"at": f"{timezone.localtime(report.deadline):%-d/%-m %H.%M}"}


@today_contributor
def report_cycle(user: Any, today: date) -> list[TodayPanel]:
    drafts = staffs_for(user, "read_drafts")
    mine = (
        ReportSection.objects.filter(
            assignee=user, report__state__in=EDITABLE_STATES, report__series__staff__in=drafts
        )
        .exclude(status=SectionStatus.APPROVED)
        .select_related("report")
        .order_by("report__deadline", "position")[:10]
    )
    now = timezone.now()
    my_items = [
        TodayItem(
            f"{s.heading or s.get_kind_display()} – {s.report.title} nr {s.report.number}",
            reverse("reports:section_edit", args=[s.report_id, s.pk]),
            _("försenad") if s.report.deadline and s.report.deadline < now else "",
            f"{s.get_status_display()} · {_deadline(s.report)}".strip(" ·"),
        )
        for s in mine
    ]
    waiting = Report.objects.filter(
        state=ReportState.REVIEW, series__staff__in=staffs_for(user, "approve_report")
    ).select_related("series")
    approve_items = [
        TodayItem(
            f"{r.title} nr {r.number}",
            reverse("reports:report_edit", args=[r.pk]),
            note=r.series.title,
        )
        for r in waiting
    ]
    next_items = []
    for report in (
        Report.objects.filter(state=ReportState.DRAFT, series__staff__in=drafts)
        .select_related("series")
        .order_by("deadline")[:5]
    ):
        missing = report.sections.exclude(status=SectionStatus.APPROVED).count()
        note = _("%(n)s avsnitt återstår") % {"n": missing} if missing else _("alla avsnitt klara")
        late = report.deadline is not None and report.deadline < now
        next_items.append(
            TodayItem(
                f"{report.title} nr {report.number} · {_deadline(report)}".strip(" ·"),
                reverse("reports:report_edit", args=[report.pk]),
                _("deadline passerad") if late else "",
                note,
            )
        )
    return [
        TodayPanel(_("Dina avsnitt"), my_items, order=10),
        TodayPanel(_("Väntar på ditt godkännande"), approve_items, order=5),
        TodayPanel(_("Nästa rapport"), next_items, order=15),
    ]
