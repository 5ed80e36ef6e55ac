"""New reports (copied from the last one or built from the template) and corrections."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import AuditEntry, User
from lagesbild.accounts.services import audit_record
from lagesbild.reports.models import (
    Report,
    ReportKind,
    ReportSection,
    ReportState,
    SectionKind,
    SectionStatus,
    Series,
)
from lagesbild.reports.services import notifying
from lagesbild.reports.services.common import (
    IllegalTransition,
    ReportError,
    _actor,
    _ensure_editable,
)
from lagesbild.search.services import search_update


def _copy_sections(source: Report, target: Report, *, reset_status: bool) -> None:
    for old in source.sections.prefetch_related("actions", "spokespersons"):
        new = ReportSection.objects.create(
            report=target,
            position=old.position,
            heading=old.heading,
            level=old.level,
            kind=old.kind,
            body=old.body,
            link_collection=old.link_collection,
            computed=old.computed,
            assignee=old.assignee,
            status=SectionStatus.TO_WRITE if reset_status else old.status,
        )
        new.actions.set(old.actions.all())
        new.spokespersons.set(old.spokespersons.all())


def _sections_from_template(series: Series, target: Report) -> None:
    spokespersons = list(series.staff.spokespersons.all())
    for t in series.template_sections.all():
        section = ReportSection.objects.create(
            report=target,
            position=t.position,
            heading=t.heading,
            level=t.level,
            kind=t.kind,
            body=t.body,
            link_collection=t.link_collection,
            computed=t.computed,
            # Standing text is finished as the template gives it; computed content needs only
            # an editor's approval.
            status=SectionStatus.APPROVED
            if t.kind == SectionKind.STANDING
            else SectionStatus.WRITTEN
            if t.kind == SectionKind.COMPUTED
            else SectionStatus.TO_WRITE,
        )
        if t.kind == SectionKind.SPOKESPERSONS:
            section.spokespersons.set(spokespersons)


DEFAULT_DEADLINE = time(15, 0)


def default_deadline(*, last: Report | None, now: datetime) -> datetime:
    """The next working day's deadline at the last report's clock time (else 15.00), local.

    Today counts when that time is still at least two hours away, so a report started in the
    morning is due the same afternoon.
    """
    clock = DEFAULT_DEADLINE
    if last is not None and last.deadline is not None:
        clock = timezone.localtime(last.deadline).time().replace(second=0, microsecond=0)
    local_now = timezone.localtime(now)
    day = local_now.date()
    while True:
        candidate = timezone.make_aware(datetime.combine(day, clock))
        if day.weekday() < 5 and candidate - now >= timedelta(hours=2):
            return candidate
        day += timedelta(days=1)


@transaction.atomic
def report_create_next(
    *,
    series: Series,
    by: User | None,
    kind: str = ReportKind.ORDINARY,
    compiled_at: datetime | None = None,
    deadline: datetime | None = None,
    by_label: str = "",
) -> Report:
    """Number the next report and start it as a copy of the last one (or the template)."""
    # Locking the series row makes two people pressing "Ny rapport" get consecutive numbers.
    Series.objects.select_for_update().filter(pk=series.pk).first()
    last = series.reports.order_by("-number", "-version").first()
    if deadline is None and compiled_at is None:
        deadline = default_deadline(last=last, now=timezone.now())
    report = Report.objects.create(
        series=series,
        number=(last.number if last else 0) + 1,
        kind=kind,
        title=series.title,
        # The stamp says when the text was compiled: by default the deadline, when the
        # writers are done (approving earlier moves it back to the moment of approval).
        compiled_at=compiled_at or deadline or timezone.now(),
        deadline=deadline,
        created_by=by,
    )
    if last is not None:
        _copy_sections(last, report, reset_status=True)
    else:
        _sections_from_template(series, report)
    # The writers learn at once which sections of the new report are theirs.
    for section in report.sections.filter(assignee__isnull=False).select_related("assignee"):
        section.report = report
        notifying.notify_section_assigned(section=section, by=by)
    audit_record(
        **_actor(by, by_label),
        action="report.create",
        obj=report,
        summary=_("Skapade nr %(number)s (%(kind)s)")
        % {"number": report.number, "kind": report.get_kind_display()},
        details={"copied_from": last.pk if last else None},
    )
    search_update(obj=report)
    return report


def report_update_details(
    *, report: Report, by: User, compiled_at: datetime, deadline: datetime | None
) -> Report:
    _ensure_editable(report)
    before = {"compiled_at": report.compiled_at.isoformat(), "deadline": _iso(report.deadline)}
    report.compiled_at = compiled_at
    report.deadline = deadline
    report.save(update_fields=["compiled_at", "deadline"])
    after = {"compiled_at": compiled_at.isoformat(), "deadline": _iso(deadline)}
    audit_record(
        actor=by,
        action="report.details",
        obj=report,
        summary=_("Ändrade tid och deadline"),
        details={"before": before, "after": after},
    )
    return report


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


# --- Sections ----------------------------------------------------------------------------------


@transaction.atomic
def report_correct(*, report: Report, by: User, reason: str) -> Report:
    """Start a correction of a published report: a draft copy with the next version number."""
    if not reason.strip():
        raise ReportError(_("Skriv skälet till rättelsen."))
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.state != ReportState.PUBLISHED:
        raise IllegalTransition(_("Bara publicerade rapporter kan rättas."))
    if Report.objects.filter(corrects=locked).exists():
        raise IllegalTransition(_("Den här versionen har redan en rättelse."))
    top = Report.objects.filter(series=locked.series, number=locked.number).aggregate(
        m=Max("version")
    )["m"]
    correction = Report.objects.create(
        series=locked.series,
        number=locked.number,
        version=top + 1,
        kind=locked.kind,
        title=locked.title,
        compiled_at=timezone.now(),
        corrects=locked,
        correction_reason=reason.strip(),
        created_by=by,
    )
    # Sections keep their status: only what is changed in the correction needs approval again.
    _copy_sections(locked, correction, reset_status=False)
    audit_record(
        actor=by,
        action="report.correct",
        obj=correction,
        summary=_("Rättelse av version %(v)s: %(reason)s")
        % {"v": locked.version, "reason": correction.correction_reason},
        details={"corrects": locked.pk},
    )
    audit_record(
        actor=by,
        action="report.correction_started",
        obj=locked,
        summary=_("Rättelse påbörjad: version %(v)s") % {"v": correction.version},
        details={"correction": correction.pk},
    )
    return correction


# --- Reading the history -----------------------------------------------------------------------


def report_audit_entries(report: Report) -> list[AuditEntry]:
    """Audit entries about the report and its sections, newest first."""
    section_ids = [str(pk) for pk in report.sections.values_list("pk", flat=True)]
    return list(
        AuditEntry.objects.filter(
            Q(object_type="reports.report", object_id=str(report.pk))
            | Q(object_type="reports.reportsection", object_id__in=section_ids)
        )[:200]
    )
