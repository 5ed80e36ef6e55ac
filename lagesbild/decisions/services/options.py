"""The options matrix: weighted scores per option, and how sensitive the ranking is to weights."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record, audit_save
from lagesbild.decisions.models import Criterion, Finding, Option, Risk, Score
from lagesbild.decisions.models.options import score_max
from lagesbild.decisions.services.lessons import lessons_check
from lagesbild.lessons.models import Lesson
from lagesbild.staff.models import Staff

# How far one weight is moved up and down when the ranking's robustness is tested.
SENSITIVITY = Decimal("0.2")


@transaction.atomic
def score_set(
    *,
    option: Option,
    criterion: Criterion,
    by: User,
    value: int,
    justification: str,
    risks: list[Risk] | None = None,
    findings: list[Finding] | None = None,
    lessons: list[Lesson] | None = None,
) -> Score:
    """Score one option on one criterion, with a justification and the evidence it rests on."""
    if option.staff_id != criterion.staff_id:
        raise ValidationError(_("Vägvalet och kriteriet hör till olika staber."))
    if not 1 <= value <= score_max():
        raise ValidationError(
            {"value": _("Poängen ska vara mellan 1 och %(n)d.") % {"n": score_max()}}
        )
    if not justification.strip():
        raise ValidationError({"justification": _("Motivera poängen kort.")})
    evidence: list[Risk | Finding] = [*(risks or []), *(findings or [])]
    for item in evidence:
        if item.staff.pk != option.staff_id:
            raise ValidationError(_("Underlaget hör till en annan stab."))
    lessons_check(staff_id=option.staff_id, lessons=lessons or [])
    score, _created = Score.objects.update_or_create(
        option=option,
        criterion=criterion,
        defaults={"value": value, "justification": justification.strip()},
    )
    score.risks.set(risks or [])
    score.findings.set(findings or [])
    score.lessons.set(lessons or [])
    audit_record(
        actor=by,
        action="option_scored",
        obj=option,
        summary=f"{option} / {criterion}: {value}",
        details={
            "criterion": criterion.pk,
            "value": value,
            "lessons": sorted(lesson.pk for lesson in lessons or []),
        },
    )
    return score


@dataclass
class MatrixRow:
    option: Option
    cells: list[tuple[Criterion, Score | None]]
    total: Decimal | None
    rank: int | None


@dataclass
class Shift:
    criterion: Criterion
    direction: int  # +1: the weight raised, -1: lowered
    ranking: list[Option]


@dataclass
class Matrix:
    criteria: list[Criterion]
    rows: list[MatrixRow]
    weight_sum: Decimal
    complete: bool
    shifts: list[Shift]

    @property
    def ranking(self) -> list[Option]:
        ranked = [r for r in self.rows if r.rank is not None]
        return [r.option for r in sorted(ranked, key=lambda r: r.rank or 0)]


def _totals(
    options: list[Option],
    criteria: list[Criterion],
    scores: dict[tuple[int, int], int],
    weights: dict[int, Decimal],
) -> dict[int, Decimal]:
    """Weighted mean score per option over the criteria it has been scored on."""
    totals = {}
    for option in options:
        num = den = Decimal(0)
        for criterion in criteria:
            value = scores.get((option.pk, criterion.pk))
            if value is not None:
                num += weights[criterion.pk] * value
                den += weights[criterion.pk]
        if den > 0:
            totals[option.pk] = (num / den).quantize(Decimal("0.01"))
    return totals


def _ranking(options: list[Option], totals: dict[int, Decimal]) -> list[Option]:
    scored = [o for o in options if o.pk in totals]
    return sorted(scored, key=lambda o: (-totals[o.pk], o.position, o.pk))


def matrix_build(*, staff: Staff, option_ids: frozenset[int] | None = None) -> Matrix:
    """1. Collect scores. 2. Weighted mean per option. 3. Rank. 4. Move each weight ±20 %
    and note every move that changes the ranking. With option_ids, only those options are
    compared (a decision basis that covers some of them ranks them among themselves)."""
    chosen = Option.objects.filter(staff=staff)
    if option_ids is not None:
        chosen = chosen.filter(pk__in=option_ids)
    options = list(chosen)
    criteria = list(Criterion.objects.filter(staff=staff))
    all_scores = Score.objects.filter(option__in=options).prefetch_related(
        "risks", "findings", "lessons"
    )
    by_key = {(s.option_id, s.criterion_id): s for s in all_scores}
    values = {key: s.value for key, s in by_key.items()}
    weights = {c.pk: c.weight for c in criteria}
    weight_sum = sum(weights.values(), Decimal(0))
    complete = bool(options and criteria) and len(by_key) == len(options) * len(criteria)
    totals = _totals(options, criteria, values, weights) if weight_sum > 0 else {}
    base = _ranking(options, totals)
    ranks = {o.pk: i for i, o in enumerate(base, start=1)}
    rows = [
        MatrixRow(
            option=o,
            cells=[(c, by_key.get((o.pk, c.pk))) for c in criteria],
            total=totals.get(o.pk),
            rank=ranks.get(o.pk),
        )
        for o in options
    ]
    shifts = []
    if weight_sum > 0 and len(base) > 1:
        for criterion in criteria:
            for direction in (1, -1):
                moved = dict(weights)
                moved[criterion.pk] = criterion.weight * (1 + direction * SENSITIVITY)
                if sum(moved.values(), Decimal(0)) <= 0:
                    continue
                ranking = _ranking(options, _totals(options, criteria, values, moved))
                if [o.pk for o in ranking] != [o.pk for o in base]:
                    shifts.append(Shift(criterion, direction, ranking))
    return Matrix(criteria, rows, weight_sum, complete, shifts)


@transaction.atomic
def criterion_save(*, criterion: Criterion, by: User) -> Criterion:
    created = criterion.pk is None
    criterion.save()
    others = Criterion.objects.filter(staff=criterion.staff)
    if sum((c.weight for c in others), Decimal(0)) <= 0:
        raise ValidationError({"weight": _("Vikterna kan inte summera till noll.")})
    audit_record(
        actor=by,
        action="criterion_added" if created else "criterion_changed",
        obj=criterion,
        summary=f"{criterion.name}: {criterion.weight}",
    )
    return criterion


@transaction.atomic
def option_save(*, option: Option, by: User) -> Option:
    return audit_save(
        obj=option,
        by=by,
        created_action="option_added",
        action="option_changed",
        summary=option.title,
    )
