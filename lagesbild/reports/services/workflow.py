"""The workflow draft → review → approved → published, each move recorded."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.journal.models import Category
from lagesbild.journal.services.journal import journal_record
from lagesbild.reports.models import (
    Report,
    ReportState,
    ReportTransition,
)
from lagesbild.reports.rendering import sections_freeze
from lagesbild.reports.services import notifying
from lagesbild.reports.services.common import (
    IllegalTransition,
    ReportError,
    _actor,
)
from lagesbild.search.services import search_update

# --- Workflow ----------------------------------------------------------------------------------

# The legal moves; anything else is refused with a message naming both states.
MOVES: dict[str, tuple[tuple[str, ...], str]] = {
    "submit": ((ReportState.DRAFT,), ReportState.REVIEW),
    "send_back": ((ReportState.REVIEW, ReportState.APPROVED), ReportState.DRAFT),
    "approve": ((ReportState.REVIEW,), ReportState.APPROVED),
    "publish": ((ReportState.APPROVED,), ReportState.PUBLISHED),
}


@transaction.atomic
def _move(
    *, report: Report, move: str, by: User | None, by_label: str = "", note: str = ""
) -> Report:
    sources, target = MOVES[move]
    # Re-read under a lock so two clicks cannot both move the report.
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.state not in sources:
        raise IllegalTransition(
            _("Rapporten kan inte gå från ”%(from)s” till ”%(to)s”.")
            % {"from": locked.get_state_display(), "to": ReportState(target).label}
        )
    now = timezone.now()
    fields: dict[str, Any] = {"state": target}
    if target == ReportState.APPROVED and locked.compiled_at > now:
        # A report approved before its deadline was compiled now, not at the deadline.
        fields["compiled_at"] = now
    if target == ReportState.PUBLISHED:
        fields["published_at"] = now
        sections_freeze(report)
    Report.objects.filter(pk=report.pk).update(**fields)
    for name, value in fields.items():
        setattr(report, name, value)
    transition = ReportTransition.objects.create(
        report=report,
        from_state=locked.state,
        to_state=target,
        by=by,
        by_label=by_label or (by.display_name() if by else ""),
        at=now,
        note=note,
    )
    audit_record(
        **_actor(by, by_label),
        action=f"report.{move}",
        obj=report,
        summary=f"{locked.get_state_display()} → {ReportState(target).label}"
        + (f": {note}" if note else ""),
        details={"from": locked.state, "to": target, "note": note},
    )
    notifying.notify_transition(report=report, transition=transition, by=by)
    # Readers find the published, frozen text; the staff's drafts leave what readers search.
    search_update(obj=report)
    if target == ReportState.PUBLISHED and report.corrects is not None:
        search_update(obj=report.corrects)  # the corrected version leaves the results
    if target == ReportState.PUBLISHED:
        journal_record(
            staff=report.series.staff,
            category=Category.INFO_OUT,
            text=_("%(title)s nr %(number)s publicerad.")
            % {"title": report.title, "number": report.number},
            about=report,
            by=by,
        )
    return report


def report_submit_for_review(
    *, report: Report, by: User | None, note: str = "", by_label: str = ""
) -> Report:
    return _move(report=report, move="submit", by=by, by_label=by_label, note=note)


def report_send_back(*, report: Report, by: User, note: str) -> Report:
    if not note.strip():
        raise ReportError(_("Skriv varför rapporten skickas tillbaka."))
    return _move(report=report, move="send_back", by=by, note=note)


def report_approve(
    *, report: Report, by: User | None, note: str = "", by_label: str = ""
) -> Report:
    """Approve a report in review; by=None with a by_label records a command-line action."""
    return _move(report=report, move="approve", by=by, by_label=by_label, note=note)


def report_publish(*, report: Report, by: User | None = None, by_label: str = "") -> Report:
    """Publish an approved report; by=None with a by_label records a command-line action."""
    return _move(report=report, move="publish", by=by, by_label=by_label)
