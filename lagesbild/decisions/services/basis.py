"""What one decision basis report covers: the options chosen for it (and, if chosen, the risks
and findings). The choice belongs to the report draft and is fixed once the report is approved;
publishing freezes the sections it shaped, so a published basis never changes."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.decisions.models import BasisScope, Finding, Option, Risk
from lagesbild.reports.computed import computed_markdown
from lagesbild.reports.models import Report, ReportSection, SectionStatus, SeriesKind

# The computed sections that follow the choice; when the choice changes what an approved one
# says, it goes back to "written" so an editor reads it again before the report is approved.
SCOPED_SECTIONS = (
    "decisions.options",
    "decisions.risks_per_option",
    "decisions.heatmap",
    "decisions.findings",
)


@dataclass(frozen=True)
class Chosen:
    """Ids to keep, per kind; None keeps everything."""

    option_ids: frozenset[int] | None = None
    risk_ids: frozenset[int] | None = None
    finding_ids: frozenset[int] | None = None
    inherited_from: Report | None = None  # the earlier report whose choice this one follows


def scope_for(report: Report) -> BasisScope | None:
    """The report's own choice, else that of the latest earlier report of its series (the one it
    was started from or corrects), else None: everything."""
    own = BasisScope.objects.filter(report=report).first()
    if own is not None:
        return own
    earlier = Q(report__number__lt=report.number) | Q(
        report__number=report.number, report__version__lt=report.version
    )
    return (
        BasisScope.objects.filter(report__series_id=report.series_id)
        .filter(earlier)
        .select_related("report")
        .order_by("-report__number", "-report__version")
        .first()
    )


def chosen_for(report: Report | None) -> Chosen:
    if report is None:
        return Chosen()
    scope = scope_for(report)
    if scope is None:
        return Chosen()

    def ids(related: object) -> frozenset[int] | None:
        found = frozenset(related.values_list("pk", flat=True))  # type: ignore[attr-defined]
        return found or None  # nothing chosen (or everything chosen since deleted): all

    return Chosen(
        option_ids=ids(scope.options),
        risk_ids=ids(scope.risks),
        finding_ids=ids(scope.findings),
        inherited_from=scope.report if scope.report_id != report.pk else None,
    )


def _names(items: list[Option] | list[Risk] | list[Finding], everything: str) -> str:
    if not items:
        return everything
    return ", ".join(i.short_name if isinstance(i, Option) else i.code for i in items)


@transaction.atomic
def basis_scope_set(
    *,
    report: Report,
    by: User,
    options: list[Option],
    risks: list[Risk],
    findings: list[Finding],
) -> BasisScope:
    """Choose what a decision basis draft covers: some options, optionally some risks and
    findings (none chosen: all). Refused once the report is approved or published."""
    report = Report.objects.select_for_update().select_related("series").get(pk=report.pk)
    if report.series.kind != SeriesKind.DECISION_BASIS:
        raise ValidationError(_("Rapporten är inte ett beslutsunderlag."))
    if not report.is_editable:
        raise ValidationError(
            _("Underlaget är godkänt eller publicerat. Det omfattar det som valdes då.")
        )
    if not options:
        raise ValidationError({"options": _("Välj minst ett vägval.")})
    staff_id = report.series.staff_id
    if any(o.staff_id != staff_id for o in options) or any(r.staff_id != staff_id for r in risks):
        raise ValidationError(_("Valet hör till en annan stab."))
    if any(f.review.staff_id != staff_id for f in findings):
        raise ValidationError(_("Valet hör till en annan stab."))
    approved = list(
        ReportSection.objects.filter(
            report=report, computed__in=SCOPED_SECTIONS, status=SectionStatus.APPROVED
        )
    )
    before = {s.pk: computed_markdown(s.computed, report.series.staff, report) for s in approved}
    scope, _created = BasisScope.objects.update_or_create(
        report=report, defaults={"updated_by": by}
    )
    scope.options.set(options)
    scope.risks.set(risks)
    scope.findings.set(findings)
    for section in approved:
        if computed_markdown(section.computed, report.series.staff, report) != before[section.pk]:
            section.status = SectionStatus.WRITTEN
            section.save(update_fields=["status"])
            audit_record(
                actor=by,
                action="section.status",
                obj=section,
                summary=_("%(section)s: ändrat av underlagets urval, granskas igen")
                % {"section": section},
                details={
                    "report": report.pk,
                    "from": SectionStatus.APPROVED,
                    "to": SectionStatus.WRITTEN,
                    "note": "",
                },
            )
    audit_record(
        actor=by,
        action="basis_scope_set",
        obj=report,
        summary=_("Underlaget omfattar vägval %(o)s; risker: %(r)s; iakttagelser: %(f)s")
        % {
            "o": _names(options, ""),
            "r": _names(risks, _("alla aktiva")),
            "f": _names(findings, _("alla")),
        },
        details={
            "options": sorted(o.pk for o in options),
            "risks": sorted(r.pk for r in risks),
            "findings": sorted(f.pk for f in findings),
        },
    )
    return scope
