"""The decision basis's computed sections: the options compared, risks per option, the risk
picture, the external review, agreements and decisions, as house-style Markdown. A decision
basis is a report series of its own kind whose template uses these; publishing freezes them.
The first four follow what the report covers (services/basis.py): the options chosen for it
and, if chosen, its risks and findings."""

from typing import TypeVar

from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lagesbild.decisions import scales
from lagesbild.decisions.models import (
    Agreement,
    Decision,
    Finding,
    Option,
    Risk,
    RiskOptionAssessment,
)
from lagesbild.decisions.services.basis import chosen_for
from lagesbild.decisions.services.options import SENSITIVITY, matrix_build
from lagesbild.reports.computed import ReportChoice, computed_section, report_choice
from lagesbild.reports.models import Report, SeriesKind
from lagesbild.staff.models import Staff

M = TypeVar("M", bound=Model)


def _only(queryset: QuerySet[M], ids: frozenset[int] | None, field: str = "pk") -> QuerySet[M]:
    """The queryset narrowed to the ids the report chose; None: no choice, keep everything."""
    return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})


def _md(text: str) -> str:
    """Plain text as Markdown that renders as written (no accidental emphasis or lists)."""
    for char in "\\*_[]#`":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


@computed_section(
    "decisions.options", label=gettext_lazy("Vägvalen jämförda (bedömningsmatris)"), per_report=True
)
def options_compared(staff: Staff, *, report: Report | None = None) -> str:
    matrix = matrix_build(staff=staff, option_ids=chosen_for(report).option_ids)
    if not matrix.rows:
        return _("Inga vägval är beskrivna ännu.")
    out = []
    for row in sorted(matrix.rows, key=lambda r: (r.rank or 99, r.option.position)):
        option = row.option
        head = f"**{_md(option.short_name)}: {_md(option.title)}**"
        if row.total is not None:
            head += " – " + _("viktat resultat %(total)s, rang %(rank)s") % {
                "total": f"{row.total:.2f}".replace(".", ","),
                "rank": row.rank,
            }
        out.append(head)
        if option.description:
            out.append(_md(option.description))
        lines = []
        for criterion, score in row.cells:
            weight = f"{criterion.weight.normalize():f}".replace(".", ",")
            if score is None:
                lines.append(f"- {_md(criterion.name)} ({_('vikt')} {weight}): {_('ej bedömt')}")
            else:
                lines.append(
                    f"- {_md(criterion.name)} ({_('vikt')} {weight}): {score.value} – "
                    f"{_md(score.justification)}"
                )
        out.append("\n".join(lines))
    percent = int(SENSITIVITY * 100)
    if matrix.shifts:
        moves = "; ".join(
            f"{_md(s.criterion.name)} {'+' if s.direction > 0 else '−'}{percent} %: "
            + ", ".join(o.short_name for o in s.ranking)
            for s in matrix.shifts
        )
        out.append(
            _("Känslighet: rangordningen ändras när en vikt flyttas ±%(p)s %%: %(moves)s.")
            % {"p": percent, "moves": moves}
        )
    elif matrix.complete:
        out.append(
            _("Känslighet: rangordningen står sig när varje vikt flyttas ±%(p)s %%.")
            % {"p": percent}
        )
    out.append(_("*Matrisen är ett stöd för beslutet. Den fattar inte beslutet.*"))
    return "\n\n".join(out)


@computed_section(
    "decisions.risks_per_option", label=gettext_lazy("Risker per vägval"), per_report=True
)
def risks_per_option(staff: Staff, *, report: Report | None = None) -> str:
    chosen = chosen_for(report)
    out = []
    for option in _only(Option.objects.filter(staff=staff), chosen.option_ids):
        rows = _only(
            RiskOptionAssessment.objects.filter(option=option)
            .select_related("risk")
            .order_by("-likelihood", "-consequence"),
            chosen.risk_ids,
            "risk_id",
        )
        lines = [
            f"- {a.risk.code} {_md(a.risk.title)}: {a.level_label.lower()} "
            f"({a.likelihood} × {a.consequence})"
            for a in rows
        ]
        out.append(f"**{_md(option.short_name)}: {_md(option.title)}**")
        out.append("\n".join(lines) if lines else _("Inga risker bedömda särskilt för vägvalet."))
    return "\n\n".join(out) or _("Inga vägval är beskrivna ännu.")


@computed_section(
    "decisions.heatmap", label=gettext_lazy("Riskbilden (risker efter nivå)"), per_report=True
)
def risk_picture(staff: Staff, *, report: Report | None = None) -> str:
    active = Risk.objects.filter(staff=staff).active()
    risks = list(_only(active, chosen_for(report).risk_ids))
    if not risks:
        return _("Inga aktiva risker.")
    out = [
        _("Sannolikhet och konsekvens på skalan 1–%(l)s respektive 1–%(c)s.")
        % {"l": len(scales.likelihood_words()), "c": len(scales.consequence_words())}
    ]
    for key, label in reversed(scales.LEVELS):
        level_risks = sorted(
            (r for r in risks if r.level == key), key=lambda r: (-r.score, r.number)
        )
        if not level_risks:
            continue
        out.append(f"**{label}**")
        out.append(
            "\n".join(
                f"- {r.code} {_md(r.title)} ({r.likelihood} × {r.consequence}; "
                f"{_('ägare')}: {_md(r.owner)})"
                for r in level_risks
            )
        )
    return "\n\n".join(out)


@computed_section(
    "decisions.findings",
    label=gettext_lazy("Extern granskning: iakttagelser och svar"),
    per_report=True,
)
def review_findings(staff: Staff, *, report: Report | None = None) -> str:
    findings = _only(
        Finding.objects.filter(review__staff=staff).select_related("review"),
        chosen_for(report).finding_ids,
    )
    if not findings:
        return _("Ingen extern granskning är registrerad.")
    out = []
    review = None
    lines: list[str] = []
    for f in findings.order_by("review_id", "number"):
        if f.review != review:
            if lines:
                out.append("\n".join(lines))
            review = f.review
            out.append(f"**{_md(review.title)}** ({_md(review.reviewer)})")
            lines = []
        answer = f.get_response_display()
        reason = f" {_md(f.response_reason)}" if f.response_reason else ""
        lines.append(
            f"- {f.code} {_md(f.title)} ({f.get_severity_display().lower()}): "
            f"{answer}.{reason} {_('Status')}: {f.get_status_display().lower()}."
        )
    out.append("\n".join(lines))
    return "\n\n".join(out)


@computed_section("decisions.agreements", label=gettext_lazy("Avtal med leverantören"))
def agreements(staff: Staff) -> str:
    out = []
    for a in Agreement.objects.filter(staff=staff).prefetch_related("obligations"):
        term = _("tills vidare")
        if a.ends_on is not None:
            term = _("till %(d)s") % {"d": date_format(a.ends_on, "j F Y")}
        out.append(
            f"**{_md(a.title)}** ({a.get_kind_display().lower()}, "
            + _("undertecknat %(d)s, gäller %(term)s")
            % {"d": date_format(a.signed_on, "j F Y"), "term": term}
            + ")"
        )
        obligations = [
            f"- {_md(o.party)}: {_md(o.description)} ({_('senast')} {date_format(o.due_date, 'j F Y')}, "
            f"{o.get_status_display().lower()})"
            for o in a.obligations.all()
        ]
        if obligations:
            out.append("\n".join(obligations))
    return "\n\n".join(out) or _("Inga avtal är registrerade.")


@computed_section("decisions.decisions", label=gettext_lazy("Beslut hittills"))
def decisions_so_far(staff: Staff) -> str:
    lines = []
    for d in Decision.objects.filter(staff=staff).order_by("decided_on", "id"):
        who = d.decided_by_body or ", ".join(u.display_name() for u in d.decision_makers.all())
        number = f", {_('dnr')} {_md(d.registration_number)}" if d.registration_number else ""
        lines.append(
            f"- {date_format(d.decided_on, 'j F Y')}: {_md(d.title)} ({_md(who)}{number}). {_md(d.reasons)}"
        )
    return "\n".join(lines) or _("Inga beslut är registrerade.")


@report_choice
def basis_scope_choice(report: Report) -> ReportChoice | None:
    """What the report editor's page says about the options (and risks, findings) covered."""
    if report.series.kind != SeriesKind.DECISION_BASIS:
        return None
    staff = report.series.staff
    chosen = chosen_for(report)
    n_options = Option.objects.filter(staff=staff).count()
    if chosen.option_ids is None:
        options = _("alla %(n)s vägval") % {"n": n_options}
    else:
        names = Option.objects.filter(pk__in=chosen.option_ids).values_list("short_name", flat=True)
        options = _("%(names)s (%(k)s av %(n)s vägval)") % {
            "names": ", ".join(names),
            "k": len(chosen.option_ids),
            "n": n_options,
        }
    risks = (
        _("alla aktiva risker")
        if chosen.risk_ids is None
        else _("%(n)s valda risker") % {"n": len(chosen.risk_ids)}
    )
    findings = (
        _("alla iakttagelser")
        if chosen.finding_ids is None
        else _("%(n)s valda iakttagelser") % {"n": len(chosen.finding_ids)}
    )
    summary = _("Underlaget omfattar %(options)s, %(risks)s och %(findings)s.") % {
        "options": options,
        "risks": risks,
        "findings": findings,
    }
    if chosen.inherited_from is not None:
        summary += " " + _("Valet följer nr %(n)s, version %(v)s.") % {
            "n": chosen.inherited_from.number,
            "v": chosen.inherited_from.version,
        }
    return ReportChoice(
        label=_("Vad underlaget omfattar"),
        summary=summary,
        url=reverse("decisions:basis_scope", args=[report.pk]),
        editable=report.is_editable,
    )
