"""Using a finished run's stored model: assign answers that came later, find more like this."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.experiences.models import Source
from lagesbild.themes.models import SuggestedMember, SuggestedTheme, SuggestionStatus, ThemeRun
from lagesbild.themes.services.coding import AnalysisError
from lagesbild.themes.services.discovery.runs import _add_members, load_model, selection
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
