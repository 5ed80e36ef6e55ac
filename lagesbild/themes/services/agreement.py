"""Inter-coder agreement: a sample coded blind by two coders, Krippendorff's α and Cohen's κ.

The second coder may be the engine: a finished theme run codes the sample when it is drawn
(each source with the code of the confirmed theme it belongs to), and its decisions are
compared like a person's.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.themes.models import (
    AgreementSample,
    Code,
    Codebook,
    Coding,
    RunStatus,
    ThemeRun,
)
from lagesbild.themes.services.coding import AnalysisError
from lagesbild.themes.services.discovery import engine_sample_code, selection


@transaction.atomic
def sample_create(
    *,
    codebook: Codebook,
    title: str,
    size: int,
    coders: list[User],
    seed: int = 0,
    engine_run: ThemeRun | None = None,
) -> AgreementSample:
    """Draw `size` sources at random (seeded, so the draw can be repeated) for two coders.

    With `engine_run`, one person and the engine: the run codes the sample at once.
    """
    people = {c.pk for c in coders}
    if engine_run is None and len(people) != 2:
        raise AnalysisError(_("Välj två olika kodare."))
    if engine_run is not None:
        if len(people) != 1:
            raise AnalysisError(_("Välj en person att jämföra med motorn."))
        if engine_run.codebook_id != codebook.pk or engine_run.status != RunStatus.DONE:
            raise AnalysisError(_("Välj en avslutad temasökning i den här kodboken."))
    ids = list(selection(codebook=codebook).values_list("id", flat=True).order_by("id"))
    if len(ids) < 2 or size < 2:
        raise AnalysisError(_("Provet behöver minst två källor med text."))
    chosen = random.Random(seed).sample(ids, min(size, len(ids)))
    sample = AgreementSample.objects.create(
        codebook=codebook, title=title.strip() or _("Prov"), engine_run=engine_run
    )
    sample.sources.set(chosen)
    sample.coders.set(coders)
    if engine_run is not None:
        engine_sample_code(sample=sample, run=engine_run)
    return sample


@dataclass(frozen=True)
class SampleCoder:
    """A person, or the engine (key None: its codings have no coder)."""

    key: int | None
    display_name: str
    user: User | None = None


def sample_coders(sample: AgreementSample) -> list[SampleCoder]:
    """The sample's two coders in a fixed order: people by id, then the engine."""
    out = [SampleCoder(u.pk, u.display_name(), u) for u in sample.coders.order_by("pk")]
    if sample.engine_run_id is not None:
        out.append(
            SampleCoder(None, _("Motorn (temasökning #%(run)d)") % {"run": sample.engine_run_id})
        )
    return out


@dataclass
class CodeAgreement:
    code: Code
    alpha: float | None
    kappa: float | None
    percent: float
    units: int


@dataclass
class Agreement:
    coders: list[SampleCoder]
    per_code: list[CodeAgreement]
    alpha: float | None
    kappa: float | None
    percent: float
    disagreements: list[dict[str, Any]] = field(default_factory=list)


def _alpha(a: list[int], b: list[int]) -> float | None:
    import krippendorff

    if len(set(a) | set(b)) < 2:
        return None  # α is undefined when nobody used more than one value
    value = float(krippendorff.alpha(reliability_data=[a, b], level_of_measurement="nominal"))
    return None if math.isnan(value) else round(value, 3)


def _kappa(a: list[int], b: list[int]) -> float | None:
    from sklearn.metrics import cohen_kappa_score

    if len(set(a) | set(b)) < 2:
        return None
    value = float(cohen_kappa_score(a, b))
    return None if math.isnan(value) else round(value, 3)


def _percent(a: list[int], b: list[int]) -> float:
    return round(100 * sum(x == y for x, y in zip(a, b, strict=True)) / len(a), 1) if a else 0.0


def sample_agreement(*, sample: AgreementSample) -> Agreement:
    """1. A unit is (source, code): did each coder apply the code anywhere in the source?
    2. α (nominal) and κ per code and over all units. 3. Every unit they disagree on, listed."""
    coders = sample_coders(sample)
    sources = list(sample.sources.order_by("pk"))
    codings = list(Coding.objects.filter(sample=sample).select_related("code", "source"))
    used = {c.code_id for c in codings}
    codes = [c for c in sample.codebook.codes.all() if c.is_active or c.pk in used]
    applied = {(c.coder_id, c.source_id, c.code_id) for c in codings}
    all_a: list[int] = []
    all_b: list[int] = []
    per_code = []
    disagreements = []
    for code in codes:
        a = [int((coders[0].key, s.pk, code.pk) in applied) for s in sources]
        b = [int((coders[1].key, s.pk, code.pk) in applied) for s in sources]
        all_a += a
        all_b += b
        if not any(a) and not any(b):
            continue
        per_code.append(CodeAgreement(code, _alpha(a, b), _kappa(a, b), _percent(a, b), len(a)))
        for source, x, y in zip(sources, a, b, strict=True):
            if x != y:
                disagreements.append(
                    {
                        "source": source,
                        "code": code,
                        "passages": [
                            [
                                c.passage()
                                for c in codings
                                if c.coder_id == coder.key
                                and c.source_id == source.pk
                                and c.code_id == code.pk
                            ]
                            for coder in coders
                        ],
                    }
                )
    return Agreement(
        coders=coders,
        per_code=per_code,
        alpha=_alpha(all_a, all_b),
        kappa=_kappa(all_a, all_b),
        percent=_percent(all_a, all_b),
        disagreements=disagreements,
    )
