"""Risks and their assessment history, and the heat map now and at an earlier date."""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record, audit_save
from lagesbild.decisions import scales
from lagesbild.decisions.models import ConsequenceArea, Mitigation, Option, Risk, RiskAssessment
from lagesbild.decisions.models.risks import DEFAULT_AREAS, RiskOptionAssessment
from lagesbild.search.services import search_update
from lagesbild.staff.models import Staff


def areas_ensure(*, staff: Staff) -> None:
    """Give a staff MSB's protected values as consequence areas the first time it needs them."""
    if not ConsequenceArea.objects.filter(staff=staff).exists():
        ConsequenceArea.objects.bulk_create(
            ConsequenceArea(staff=staff, name=str(name), position=i)
            for i, name in enumerate(DEFAULT_AREAS)
        )


def _check_scale(likelihood: int, consequence: int) -> None:
    top_l, top_c = len(scales.likelihood_words()), len(scales.consequence_words())
    errors = {}
    if not 1 <= likelihood <= top_l:
        errors["likelihood"] = _("Sannolikheten ska vara mellan 1 och %(n)d.") % {"n": top_l}
    if not 1 <= consequence <= top_c:
        errors["consequence"] = _("Konsekvensen ska vara mellan 1 och %(n)d.") % {"n": top_c}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def risk_create(*, risk: Risk, by: User, areas: Any = (), reason: str = "") -> Risk:
    """Number and save a new risk; its first assessment opens the history."""
    _check_scale(risk.likelihood, risk.consequence)
    top = Risk.objects.filter(staff=risk.staff).aggregate(n=Max("number"))["n"] or 0
    risk.number = top + 1
    risk.save()
    risk.areas.set(areas)
    RiskAssessment.objects.create(
        risk=risk,
        by=by,
        likelihood=risk.likelihood,
        consequence=risk.consequence,
        reason=reason or _("Första bedömningen."),
    )
    search_update(obj=risk)
    audit_record(actor=by, action="risk_created", obj=risk, summary=str(risk))
    return risk


@transaction.atomic
def risk_update(*, risk: Risk, by: User, changed: list[str]) -> Risk:
    """Save what describes the risk; its assessment changes only through risk_assess."""
    risk.save()
    search_update(obj=risk)
    audit_record(
        actor=by, action="risk_changed", obj=risk, summary=str(risk), details={"fields": changed}
    )
    return risk


@transaction.atomic
def risk_assess(
    *,
    risk: Risk,
    by: User,
    likelihood: int,
    consequence: int,
    reason: str,
    option: Option | None = None,
    at: datetime | None = None,
) -> RiskAssessment:
    """Record a new assessment (overall, or under one option) and keep the old one as history."""
    _check_scale(likelihood, consequence)
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv varför bedömningen ändras.")})
    if option is not None and option.staff_id != risk.staff_id:
        raise ValidationError(_("Vägvalet hör till en annan stab."))
    if option is None:
        before: Any = risk
    else:
        before = RiskOptionAssessment.objects.filter(risk=risk, option=option).first()
    entry = RiskAssessment.objects.create(
        risk=risk,
        option=option,
        by=by,
        at=at or timezone.now(),
        from_likelihood=before.likelihood if before else None,
        from_consequence=before.consequence if before else None,
        likelihood=likelihood,
        consequence=consequence,
        reason=reason.strip(),
    )
    if option is None:
        risk.likelihood, risk.consequence = likelihood, consequence
        risk.save(update_fields=["likelihood", "consequence"])
    else:
        RiskOptionAssessment.objects.update_or_create(
            risk=risk,
            option=option,
            defaults={"likelihood": likelihood, "consequence": consequence},
        )
    audit_record(
        actor=by,
        action="risk_assessed",
        obj=risk,
        summary=f"{risk.code}: {entry.from_likelihood}×{entry.from_consequence} → "
        f"{likelihood}×{consequence}" + (f" ({option})" if option else ""),
        details={"option": option.pk if option else None, "reason": entry.reason},
    )
    return entry


@transaction.atomic
def mitigation_save(*, mitigation: Mitigation, by: User) -> Mitigation:
    return audit_save(
        obj=mitigation,
        by=by,
        created_action="mitigation_added",
        action="mitigation_changed",
        about=mitigation.risk,
        summary=mitigation.description[:200],
    )


@dataclass
class HeatCell:
    likelihood: int
    consequence: int
    level: str
    level_label: str
    risks: list[Risk] = field(default_factory=list)


@dataclass
class HeatMap:
    """Rows from the highest likelihood down, columns from the lowest consequence up."""

    rows: list[list[HeatCell]]
    likelihood_words: list[str]
    consequence_words: list[str]
    placed: dict[int, tuple[int, int]]


def _positions_at(risks: list[Risk], day: date) -> dict[int, tuple[int, int]]:
    """Each risk's overall assessment as it stood at the end of the day (absent if newer)."""
    end = timezone.make_aware(datetime.combine(day, time.max))
    positions: dict[int, tuple[int, int]] = {}
    history = RiskAssessment.objects.filter(
        risk__in=risks, option__isnull=True, at__lte=end
    ).order_by("risk_id", "at", "id")
    for entry in history:
        positions[entry.risk_id] = (entry.likelihood, entry.consequence)
    return positions


def heatmap(*, risks: list[Risk], at: date | None = None) -> HeatMap:
    """Place risks on likelihood × consequence, now or as they stood at an earlier date."""
    l_words, c_words = scales.likelihood_words(), scales.consequence_words()
    if at is None:
        placed = {r.pk: (r.likelihood, r.consequence) for r in risks}
    else:
        placed = _positions_at(risks, at)
    by_id = {r.pk: r for r in risks}
    rows = []
    for likelihood in range(len(l_words), 0, -1):
        row = []
        for consequence in range(1, len(c_words) + 1):
            key = scales.level(likelihood, consequence)
            row.append(HeatCell(likelihood, consequence, key, scales.level_label(key)))
        rows.append(row)
    for risk_id, (likelihood, consequence) in placed.items():
        rows[len(l_words) - likelihood][consequence - 1].risks.append(by_id[risk_id])
    return HeatMap(rows, l_words, c_words, placed)


def risks_moved(*, earlier: HeatMap, now: HeatMap, risks: list[Risk]) -> list[dict[str, Any]]:
    """Risks whose place changed between two heat maps, with from and to."""
    moved = []
    for risk in risks:
        before, after = earlier.placed.get(risk.pk), now.placed.get(risk.pk)
        if before != after:
            moved.append({"risk": risk, "before": before, "after": after})
    return moved
