"""The decision basis as a report series of its own kind: a written summary and the decision
app's computed sections, published once through the same workflow as the situation report."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from lagesbild.decisions.models import Risk
from lagesbild.decisions.services.basis import basis_scope_set
from lagesbild.decisions.services.lessons import lessons_link
from lagesbild.lessons.models import Lesson
from lagesbild.reports.models import SectionKind, SectionStatus, Series, SeriesKind, TemplateSection
from lagesbild.reports.services.creating import report_create_next
from lagesbild.reports.services.workflow import (
    report_approve,
    report_publish,
    report_submit_for_review,
)

SUMMARY = (
    "Regionen står inför valet mellan att återuppta införandet med nuvarande system, att byta "
    "system eller att gå vidare stegvis. Underlaget jämför de tre vägvalen mot åtta kriterier, "
    "redovisar riskerna per vägval och den externa granskningens iakttagelser, och sammanfattar "
    "avtalsläget med leverantören.\n\n"
    "Det stegvisa vägvalet får högst viktat resultat, och rangordningen står sig när vikterna "
    "flyttas. Patientsäkerheten och medarbetarnas arbetsmiljö väger tyngst. Ett återupptagande "
    "är billigast men beror av leverantörens rättningar; ett systembyte tar längst tid och bär "
    "störst juridisk och ekonomisk risk.\n\n"
    "Staben föreslår att regionstyrelsen fattar beslut om vägval i mars, efter att lärdomarna "
    "från erfarenhetsinsamlingen har sammanställts i den gemensamma rapporten."
)

TEMPLATE = [
    ("Sammanfattning", SectionKind.TEXT, ""),
    ("Vägvalen jämförda", SectionKind.COMPUTED, "decisions.options"),
    ("Risker per vägval", SectionKind.COMPUTED, "decisions.risks_per_option"),
    ("Riskbilden i dag", SectionKind.COMPUTED, "decisions.heatmap"),
    ("Extern granskning", SectionKind.COMPUTED, "decisions.findings"),
    ("Avtal med leverantören", SectionKind.COMPUTED, "decisions.agreements"),
    ("Beslut hittills", SectionKind.COMPUTED, "decisions.decisions"),
]


def load(ctx: dict[str, Any]) -> None:
    staff, users = ctx["staff"], ctx["users"]
    series = Series.objects.create(
        staff=staff,
        title="Beslutsunderlag: vägval för vårdinformationssystemet",
        slug="beslutsunderlag-vagval",
        kind=SeriesKind.DECISION_BASIS,
        description="Underlag till regionstyrelsens beslut om vägval efter pausen.",
    )
    for position, (heading, kind, computed) in enumerate(TEMPLATE):
        TemplateSection.objects.create(
            series=series,
            position=position,
            heading=heading,
            level=2,
            kind=kind,
            computed=computed,
        )
    report = report_create_next(
        series=series,
        by=users["stabschef"],
        compiled_at=timezone.now() - timedelta(days=2),
        deadline=timezone.now() - timedelta(days=3),
    )
    report.title = series.title
    report.save(update_fields=["title"])
    summary = report.sections.get(kind=SectionKind.TEXT)
    summary.body = SUMMARY
    summary.save(update_fields=["body"])
    report.sections.update(status=SectionStatus.APPROVED)
    report_submit_for_review(report=report, by=users["redaktor"])
    report_approve(report=report, by=users["stabschef"])
    report_publish(report=report, by=users["stabschef"])
    ctx["decision_basis"] = report
    _second_basis(ctx, series)


NEXT_SUMMARY = (
    "Efter dialogen med regionstyrelsens presidium jämför det här underlaget bara de två "
    "vägval som står kvar: att återuppta införandet med nuvarande system eller att gå vidare "
    "stegvis. Systembytet finns kvar i registret men tas inte med här."
)


def _second_basis(ctx: dict[str, Any], series: Series) -> None:
    """Nr 2, in review, covers two of the three options: the choice a staff lead makes (it can
    still change until the report is approved)."""
    staff, users = ctx["staff"], ctx["users"]
    report = report_create_next(series=series, by=users["stabschef"])
    report.title = series.title
    report.save(update_fields=["title"])
    summary = report.sections.get(kind=SectionKind.TEXT)
    summary.body = NEXT_SUMMARY
    summary.status = SectionStatus.WRITTEN
    summary.save(update_fields=["body", "status"])
    options = [o for o in ctx["decision_options"].values() if o.short_name != "Vägval B"]
    basis_scope_set(report=report, by=users["stabschef"], options=options, risks=[], findings=[])
    # Lessons the risks rest on, when the lessons part of the demo has made some.
    lessons = list(Lesson.objects.filter(staff=staff).order_by("number")[:2])
    risk = Risk.objects.filter(staff=staff).order_by("number").first()
    if lessons and risk is not None:
        lessons_link(obj=risk, lessons=lessons, by=users["stabschef"])
    report_submit_for_review(report=report, by=users["redaktor"])
    ctx["decision_basis_in_review"] = report
