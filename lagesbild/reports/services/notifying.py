"""Who is told what when a report moves: the report cycle's side of the notifications app."""

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from lagesbild.accounts.models import User
from lagesbild.lib.dates import compiled_at_text
from lagesbild.notifications.models import Kind
from lagesbild.notifications.reminders import Window, reminder
from lagesbild.notifications.services import notification_send, users_who_may
from lagesbild.reports.models import Report, ReportSection, ReportTransition, SectionStatus


def _editor_url(report: Report, section: ReportSection | None = None) -> str:
    url = reverse("reports:report_edit", kwargs={"pk": report.pk})
    return f"{url}#avsnitt-{section.pk}" if section else url


def _params(report: Report, by: User | None, **more: object) -> dict[str, object]:
    return {
        "report": report.title,
        "number": report.number,
        "by": by.display_name() if by else "",
        **more,
    }


def notify_section_assigned(*, section: ReportSection, by: User | None) -> None:
    report = section.report
    if section.assignee is None:
        return
    notification_send(
        recipients=[section.assignee],
        kind=Kind.ASSIGNED,
        staff=report.series.staff,
        params=_params(report, by, section=section.heading or section.get_kind_display()),
        url=_editor_url(report, section),
        key=f"assigned:{section.pk}:{section.assignee_id}",
        actor=by,
    )


def notify_section_sent_back(
    *, section: ReportSection, by: User | None, note: str, event: int
) -> None:
    report = section.report
    notification_send(
        recipients=[section.assignee],
        kind=Kind.SENT_BACK,
        staff=report.series.staff,
        params=_params(
            report, by, section=section.heading or section.get_kind_display(), note=note
        ),
        url=_editor_url(report, section),
        key=f"section_back:{section.pk}:{event}",
        actor=by,
    )


def notify_transition(*, report: Report, transition: ReportTransition, by: User | None) -> None:
    """Submitted → those who approve; approved → those who publish; sent back → the writers."""
    staff = report.series.staff
    key = f"move:{transition.pk}"
    if transition.to_state == "review":
        kind, recipients = Kind.SUBMITTED, users_who_may(action="approve_report", staff=staff)
    elif transition.to_state == "approved":
        kind, recipients = Kind.APPROVED, users_who_may(action="publish_report", staff=staff)
    elif transition.to_state == "draft":
        writers = [s.assignee for s in report.sections.select_related("assignee")]
        kind = Kind.SENT_BACK
        recipients = users_who_may(action="submit_for_review", staff=staff) + writers  # type: ignore[operator]
    else:
        return
    notification_send(
        recipients=recipients,
        kind=kind,
        staff=staff,
        params=_params(report, by, note=transition.note),
        url=_editor_url(report),
        key=key,
        actor=by,
    )


def report_deadline_reminders(*, hours: float, now: datetime | None = None) -> int:
    """Tell writers and editors of reports due within `hours` whose sections are not written.

    Idempotent: the key names the report and its deadline, so running it every few minutes
    (cron) tells each person once per deadline; a moved deadline is told again.
    """
    now = now or timezone.now()
    due = Report.objects.editable().filter(
        deadline__gt=now, deadline__lte=now + timedelta(hours=hours)
    )
    told = 0
    for report in due.select_related("series__staff"):
        missing = [
            s
            for s in report.sections.select_related("assignee")
            if s.status == SectionStatus.TO_WRITE
        ]
        if not missing:
            continue
        assert report.deadline is not None
        staff = report.series.staff
        recipients = users_who_may(action="write_any_section", staff=staff) + [  # type: ignore[operator]
            s.assignee for s in missing
        ]
        told += len(
            notification_send(
                recipients=recipients,
                kind=Kind.DEADLINE,
                staff=staff,
                params=_params(
                    report,
                    None,
                    deadline=compiled_at_text(report.deadline),
                    missing=[s.heading or s.get_kind_display() for s in missing],
                ),
                url=_editor_url(report),
                key=f"deadline:{report.pk}:{report.deadline.isoformat()}",
            )
        )
    return told


@reminder("reports")
def report_deadline_window(window: Window) -> int:
    return report_deadline_reminders(hours=window.hours, now=window.now)
