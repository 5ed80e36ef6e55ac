"""Using a finished run: assign answers that came later, find more like this, code a sample."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.experiences.models import Source
from lagesbild.themes.models import (
    AgreementSample,
    Coding,
    Origin,
    SuggestedMember,
    SuggestedTheme,
    SuggestionStatus,
    ThemeRun,
)
from lagesbild.themes.services.coding import AnalysisError
from lagesbild.themes.services.discovery.runs import _add_members, _spans, load_model, selection
from lagesbild.themes.services.discovery.suggestions import theme_codings_make


@transaction.atomic
def run_assign_new(*, run: ThemeRun, actor: User | None) -> int:
    """Answers that came in after the run are proposed to its themes (the engine's assign)."""
    from lagesbild.engine import assign

    model = load_model(run)
    if model is None:
        raise AnalysisError(_("Temasökningens modell finns inte sparad. Gör en ny temasökning."))
    # Source ids are random (an anonymous answer's id must not tell when it came), so "later"
    # means: in the selection now, but not among the texts the run was made from.
    known = set(model.ids)
    seen = SuggestedMember.objects.filter(theme__run=run).values("source_id")
    candidates = selection(codebook=run.codebook, prompt=run.prompt, channel=run.channel).exclude(
        id__in=seen
    )
    new_ids = [pk for pk in candidates.values_list("id", flat=True) if str(pk) not in known]
    rows = []
    for start in range(0, len(new_ids), 500):
        rows += list(
            candidates.filter(id__in=new_ids[start : start + 500]).values_list(
                "id", "text", "category__name", "channel"
            )
        )
    rows.sort(key=lambda r: r[0])
    if not rows:
        return 0
    before = len(model.unit_doc)
    offset = len(model.texts)
    out = assign([r[1] for r in rows], model, ids=[str(r[0]) for r in rows])
    themes = {t.engine_id: t for t in run.themes.all()}
    members = _add_members(out, range(before, len(out.unit_doc)), rows, themes, offset, later=True)
    for theme in themes.values():
        mine = [m for m in members if m.theme_id == theme.pk]
        if mine:
            SuggestedTheme.objects.filter(pk=theme.pk).update(size=theme.members.count())
            if theme.status == SuggestionStatus.CONFIRMED and theme.code_id:
                theme_codings_make(theme, mine, None)
    return len({m.source_id for m in members})


def source_similar(*, run: ThemeRun, source: Source, k: int = 10) -> list[tuple[Source, float]]:
    """Sources most like this one, by the run's representation ("find more like this")."""
    from lagesbild.engine import similar

    model = load_model(run)
    if model is None:
        raise AnalysisError(_("Temasökningens modell finns inte sparad. Gör en ny temasökning."))
    key = str(source.pk)
    query: str | int = model.ids.index(key) if key in model.ids else source.text
    hits = similar(model, query, k=k)
    by_id = Source.objects.in_bulk([int(h["id"]) for h in hits])
    return [(by_id[int(h["id"])], h["score"]) for h in hits if int(h["id"]) in by_id]


def engine_sample_code(*, sample: AgreementSample, run: ThemeRun) -> int:
    """The engine codes an agreement sample as a second coder; returns how many codings.

    1. A sample source the run saw (or assigned later) is coded where the run put it.
    2. A source that came after the run is placed by the engine's `assign` (stored model).
    3. Only themes confirmed as codes count: a text in a theme still only suggested, or in a
       discarded one, gets no code from the engine, as a person who found no code would.
    The codings belong to the sample (never counted or shown outside it) and have no coder.
    """
    codes = dict(
        run.themes.filter(status=SuggestionStatus.CONFIRMED, code__isnull=False).values_list(
            "engine_id", "code_id"
        )
    )
    code_of_theme = dict(
        run.themes.filter(status=SuggestionStatus.CONFIRMED, code__isnull=False).values_list(
            "pk", "code_id"
        )
    )
    wanted = set(sample.sources.values_list("id", flat=True))
    found: set[int] = set()
    made: list[Coding] = []

    def add(source_id: int, code_id: int, spans: list[list[int]]) -> None:
        for start, end in spans:
            if end > start:
                made.append(
                    Coding(
                        source_id=source_id, code_id=code_id, start=start, end=end,
                        coder=None, origin=Origin.ENGINE, run=run, sample=sample,
                    )
                )  # fmt: skip

    members = SuggestedMember.objects.filter(theme__run=run, source_id__in=wanted)
    for source_id, theme_id, spans in members.values_list("source_id", "theme_id", "spans"):
        found.add(source_id)
        if theme_id in code_of_theme:
            add(source_id, code_of_theme[theme_id], spans)
    later = sorted(wanted - found)
    model = load_model(run) if later and codes else None
    if model is not None:
        from lagesbild.engine import assign

        rows = list(Source.objects.filter(pk__in=later).exclude(text="").values_list("id", "text"))
        before = len(model.unit_doc)
        out = assign([r[1] for r in rows], model, ids=[str(r[0]) for r in rows])
        passages: dict[tuple[int, int], list[str]] = defaultdict(list)
        for unit in range(before, len(out.unit_doc)):
            doc = int(out.unit_doc[unit]) - len(model.texts)
            passages[(doc, int(out.assignment[unit]))].append(out.unit_text[unit])
        for (doc, engine_id), texts in passages.items():
            if engine_id in codes:
                source_id, text = rows[doc]
                add(source_id, codes[engine_id], _spans(text, texts))
    Coding.objects.bulk_create(made)
    return len(made)
