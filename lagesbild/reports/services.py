"""Writing and approving reports: every change goes through here and leaves an audit entry."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Case, F, Max, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import AuditEntry, User
from lagesbild.accounts.services import audit_record
from lagesbild.communications.models import CommunicationAction, LinkCollection
from lagesbild.reports.models import (
    EDITABLE_STATES,
    Report,
    ReportKind,
    ReportSection,
    ReportState,
    ReportTransition,
    SectionKind,
    SectionStatus,
    Series,
    TemplateSection,
)
from lagesbild.reports.rendering import sections_freeze
from lagesbild.staff.models import Spokesperson, Staff


class ReportError(Exception):
    """A refused change; the message is Swedish and shown to the user as it is."""


class ReportLocked(ReportError):
    pass


class IllegalTransition(ReportError):
    pass


class SectionConflict(ReportError):
    """Someone saved the section after the editor opened it; `current` is their version."""

    def __init__(self, current: ReportSection) -> None:
        super().__init__(
            _(
                "Någon annan har sparat avsnittet medan du skrev. Ingenting har skrivits över: "
                "jämför deras version med din, för ihop dem och spara igen."
            )
        )
        self.current = current


def _actor(by: User | None, by_label: str) -> dict[str, Any]:
    return {"actor": by, "actor_label": by_label}


def _ensure_editable(report: Report) -> None:
    if not report.is_editable:
        if report.is_published:
            raise ReportLocked(
                _("Rapporten är publicerad och kan inte ändras. Gör en rättelse i stället.")
            )
        raise ReportLocked(
            _("Rapporten är godkänd och kan inte ändras. Skicka tillbaka den till utkast först.")
        )


# --- Series and their templates -------------------------------------------------------------


def series_create(
    *, staff: Staff, title: str, slug: str, description: str = "", by: User
) -> Series:
    series = Series.objects.create(staff=staff, title=title, slug=slug, description=description)
    audit_record(actor=by, action="series.create", obj=series, summary=title)
    return series


def series_update(*, series: Series, by: User, changed: list[str]) -> Series:
    """Save a series edited by a form and record which fields changed."""
    series.save()
    audit_record(
        actor=by,
        action="series.update",
        obj=series,
        summary=_("Ändrade %(fields)s") % {"fields": ", ".join(changed) or "-"},
        details={"fields": changed},
    )
    return series


def series_set_public(*, series: Series, by: User, is_public: bool) -> Series:
    Series.objects.filter(pk=series.pk).update(is_public=is_public)
    series.is_public = is_public
    summary = _("Öppnad på intranätet") if is_public else _("Stängd för läsare utan inloggning")
    audit_record(actor=by, action="series.public", obj=series, summary=summary)
    return series


def template_section_add(
    *,
    series: Series,
    by: User,
    heading: str,
    level: int,
    kind: str,
    body: str = "",
    link_collection: LinkCollection | None = None,
) -> TemplateSection:
    last = series.template_sections.aggregate(m=Max("position"))["m"]
    section = TemplateSection.objects.create(
        series=series,
        position=0 if last is None else last + 1,
        heading=heading,
        level=level,
        kind=kind,
        body=body,
        link_collection=link_collection,
    )
    audit_record(
        actor=by,
        action="series.template.add",
        obj=series,
        summary=str(section),
        details={"template_section": section.pk},
    )
    return section


def template_section_update(*, section: TemplateSection, by: User) -> TemplateSection:
    section.save()
    audit_record(
        actor=by,
        action="series.template.update",
        obj=section.series,
        summary=str(section),
        details={"template_section": section.pk},
    )
    return section


def template_section_remove(*, section: TemplateSection, by: User) -> None:
    series = section.series
    audit_record(
        actor=by,
        action="series.template.remove",
        obj=series,
        summary=str(section),
        details={"template_section": section.pk},
    )
    section.delete()
    _renumber(series.template_sections.all())


def template_section_move(*, section: TemplateSection, by: User, step: int) -> None:
    """Swap the section with its neighbour above (step=-1) or below (step=+1)."""
    with transaction.atomic():
        ordered = list(section.series.template_sections.select_for_update())
        index = next(i for i, s in enumerate(ordered) if s.pk == section.pk)
        target = index + step
        if not 0 <= target < len(ordered):
            return
        ordered[index], ordered[target] = ordered[target], ordered[index]
        _renumber(ordered)
    audit_record(
        actor=by,
        action="series.template.move",
        obj=section.series,
        summary=_("Flyttade %(section)s") % {"section": section},
        details={"template_section": section.pk, "step": step},
    )


def _renumber(sections: Iterable[TemplateSection]) -> None:
    for position, s in enumerate(sections):
        if s.position != position:
            TemplateSection.objects.filter(pk=s.pk).update(position=position)
            s.position = position


# --- Creating reports --------------------------------------------------------------------------


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
            # Standing text is finished as the template gives it.
            status=SectionStatus.APPROVED
            if t.kind == SectionKind.STANDING
            else SectionStatus.TO_WRITE,
        )
        if t.kind == SectionKind.SPOKESPERSONS:
            section.spokespersons.set(spokespersons)


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
    report = Report.objects.create(
        series=series,
        number=(last.number if last else 0) + 1,
        kind=kind,
        title=series.title,
        compiled_at=compiled_at or timezone.now(),
        deadline=deadline,
        created_by=by,
    )
    if last is not None:
        _copy_sections(last, report, reset_status=True)
    else:
        _sections_from_template(series, report)
    audit_record(
        **_actor(by, by_label),
        action="report.create",
        obj=report,
        summary=_("Skapade nr %(number)s (%(kind)s)")
        % {"number": report.number, "kind": report.get_kind_display()},
        details={"copied_from": last.pk if last else None},
    )
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


@dataclass(frozen=True)
class SectionContent:
    """What a section editor submits; structured parts are None when the kind has none."""

    body: str
    heading: str
    actions: list[CommunicationAction] | None = None
    link_collection: LinkCollection | None = None
    spokespersons: list[Spokesperson] | None = None


@transaction.atomic
def section_save(
    *, section: ReportSection, by: User, base_revision: int, content: SectionContent
) -> ReportSection:
    """Save only if nobody saved since `base_revision`; else raise SectionConflict."""
    # One conditional UPDATE decides the race: the revision and the report's state are
    # checked by the database in the same statement that writes.
    fields: dict[str, Any] = {"body": content.body, "heading": content.heading}
    if section.kind == SectionKind.LINKS:
        fields["link_collection"] = content.link_collection
    updated = ReportSection.objects.filter(
        pk=section.pk, revision=base_revision, report__state__in=EDITABLE_STATES
    ).update(
        **fields,
        revision=F("revision") + 1,
        updated_by=by,
        updated_at=timezone.now(),
        # A changed text must be approved again.
        status=Case(
            When(status=SectionStatus.APPROVED, then=Value(SectionStatus.WRITTEN)),
            default=F("status"),
        ),
    )
    current = ReportSection.objects.select_related("report").get(pk=section.pk)
    if not updated:
        _ensure_editable(current.report)
        raise SectionConflict(current)
    if content.actions is not None:
        current.actions.set(content.actions)
    if content.spokespersons is not None:
        current.spokespersons.set(content.spokespersons)
    audit_record(
        actor=by,
        action="section.save",
        obj=current,
        summary=_("Sparade %(section)s") % {"section": current},
        details={"report": current.report_id, "revision": current.revision},
    )
    return current


def section_assign(*, section: ReportSection, by: User, assignee: User | None) -> ReportSection:
    _ensure_editable(section.report)
    ReportSection.objects.filter(pk=section.pk).update(assignee=assignee)
    section.assignee = assignee
    audit_record(
        actor=by,
        action="section.assign",
        obj=section,
        summary=_("%(section)s tilldelad %(who)s")
        % {"section": section, "who": assignee.display_name() if assignee else _("ingen")},
        details={"report": section.report_id, "assignee": assignee.pk if assignee else None},
    )
    return section


def section_set_status(*, section: ReportSection, by: User, status: str) -> ReportSection:
    _ensure_editable(section.report)
    if status not in SectionStatus.values:
        raise ReportError(_("Okänd status."))
    before = section.status
    ReportSection.objects.filter(pk=section.pk).update(status=status)
    section.status = status
    audit_record(
        actor=by,
        action="section.status",
        obj=section,
        summary=_("%(section)s: %(status)s")
        % {"section": section, "status": section.get_status_display()},
        details={"report": section.report_id, "from": before, "to": status},
    )
    return section


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
    if target == ReportState.PUBLISHED:
        fields["published_at"] = now
        sections_freeze(report)
    Report.objects.filter(pk=report.pk).update(**fields)
    for name, value in fields.items():
        setattr(report, name, value)
    ReportTransition.objects.create(
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
