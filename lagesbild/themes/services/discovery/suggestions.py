"""The person's verdict on suggested themes: confirm, rename, discard, merge, move a text, split."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.themes.models import (
    Code,
    Coding,
    Origin,
    SuggestedMember,
    SuggestedTheme,
    SuggestionStatus,
)
from lagesbild.themes.services.coding import AnalysisError, code_create
from lagesbild.themes.services.counts import counts_changed
from lagesbild.themes.services.discovery.runs import load_model


def theme_codings_make(
    theme: SuggestedTheme, members: list[SuggestedMember], actor: User | None
) -> int:
    assert theme.code is not None
    made = 0
    for member in members:
        for start, end in member.spans:
            if end <= start:
                continue
            coding, created = Coding.objects.get_or_create(
                source_id=member.source_id,
                code=theme.code,
                start=start,
                end=end,
                origin=Origin.ENGINE,
                run=theme.run,
                defaults={
                    # A text a person moved here is their judgement: it counts as reviewed.
                    "reviewed_by": actor if member.moved_by_person else None,
                    "reviewed_at": timezone.now() if member.moved_by_person else None,
                },
            )
            made += created
    if made:
        counts_changed(codebook_id=theme.code.codebook_id)
    return made


@transaction.atomic
def suggestion_confirm(
    *, theme: SuggestedTheme, actor: User | None, label: str = "", parent: Code | None = None
) -> Code:
    """Turn a suggestion into a theme code; its members become engine codings awaiting review."""
    if theme.status in (SuggestionStatus.DISCARDED, SuggestionStatus.MERGED):
        raise AnalysisError(_("Förslaget är redan hanterat."))
    if theme.code is None:
        theme.code = code_create(
            codebook=theme.run.codebook,
            name=label or theme.label,
            actor=actor,
            description=_("Bekräftat från maskinförslag (temasökning #%(run)d).")
            % {"run": theme.run_id},
            is_theme=True,
            parent=parent,
        )
    theme.status = SuggestionStatus.CONFIRMED
    theme.label = theme.code.name[:200]
    theme.save(update_fields=["status", "code", "label"])
    theme_codings_make(theme, list(theme.members.all()), actor)
    audit_record(
        actor=actor,
        action="themes.suggestion_confirm",
        obj=theme,
        summary=theme.code.name,
        details={"run": theme.run_id, "code": theme.code.pk},
    )
    return theme.code


def suggestion_rename(*, theme: SuggestedTheme, label: str, actor: User | None) -> None:
    label = " ".join(label.split())
    if not label:
        raise AnalysisError(_("Temat behöver en etikett."))
    theme.label = label[:200]
    theme.save(update_fields=["label"])


def suggestion_discard(*, theme: SuggestedTheme, actor: User | None) -> None:
    if theme.status == SuggestionStatus.CONFIRMED:
        raise AnalysisError(_("Ett bekräftat tema tas bort genom att koden avvecklas."))
    theme.status = SuggestionStatus.DISCARDED
    theme.save(update_fields=["status"])
    audit_record(actor=actor, action="themes.suggestion_discard", obj=theme, summary=theme.label)


@transaction.atomic
def suggestions_merge(
    *, themes: list[SuggestedTheme], actor: User | None, label: str = ""
) -> SuggestedTheme:
    """Merge suggestions of one run into the first; members move, the others are marked merged."""
    if len({t.pk for t in themes}) < 2:
        raise AnalysisError(_("Välj minst två förslag att slå ihop."))
    if len({t.run_id for t in themes}) > 1:
        raise AnalysisError(_("Förslagen kommer från olika temasökningar."))
    if any(t.status != SuggestionStatus.SUGGESTED for t in themes):
        raise AnalysisError(_("Bara obekräftade förslag kan slås ihop."))
    keep, rest = themes[0], themes[1:]
    have = set(keep.members.values_list("source_id", flat=True))
    for other in rest:
        for member in other.members.all():
            if member.source_id in have:
                member.delete()
            else:
                member.theme = keep
                member.save(update_fields=["theme"])
                have.add(member.source_id)
        keep.quotes = (keep.quotes + other.quotes)[:5]
        other.status = SuggestionStatus.MERGED
        other.save(update_fields=["status"])
    keep.size = len(have)
    if label.strip():
        keep.label = " ".join(label.split())[:200]
    keep.save(update_fields=["size", "quotes", "label"])
    return keep


@transaction.atomic
def member_move(*, member: SuggestedMember, theme: SuggestedTheme, actor: User | None) -> None:
    """A person puts one text in another suggestion of the same run."""
    if theme.run_id != member.theme.run_id:
        raise AnalysisError(_("Texten kan bara flyttas inom samma temasökning."))
    if theme.members.filter(source_id=member.source_id).exists():
        member.delete()
    else:
        old = member.theme
        member.theme = theme
        member.moved_by_person = True
        member.uncertain = False
        member.save(update_fields=["theme", "moved_by_person", "uncertain"])
        SuggestedTheme.objects.filter(pk=old.pk).update(size=old.members.count())
    SuggestedTheme.objects.filter(pk=theme.pk).update(size=theme.members.count())
    if theme.code_id and theme.status == SuggestionStatus.CONFIRMED:
        moved = theme.members.filter(source_id=member.source_id).first()
        if moved:
            theme_codings_make(theme, [moved], actor)


@transaction.atomic
def suggestion_split(*, theme: SuggestedTheme, actor: User | None) -> SuggestedTheme:
    """Split a suggestion in two by clustering its own texts; the engine labels both parts.

    1. Take the members' passages from the run's stored model (later additions stay put).
    2. k-means with k = 2 on their vectors. 3. The smaller part becomes a new suggestion.
    """
    import numpy as np
    from sklearn.cluster import KMeans

    from lagesbild.engine.labels import labels_for

    if theme.status != SuggestionStatus.SUGGESTED:
        raise AnalysisError(_("Bara obekräftade förslag kan delas."))
    model = load_model(theme.run)
    if model is None:
        raise AnalysisError(_("Temasökningens modell finns inte sparad. Gör en ny temasökning."))
    row_of = {source_id: row for row, source_id in enumerate(model.ids)}
    members = [m for m in theme.members.all() if str(m.source_id) in row_of]
    if len(members) < 4:
        raise AnalysisError(_("Förslaget har för få texter för att delas."))
    units_of: dict[int, list[int]] = defaultdict(list)
    for unit, row in enumerate(model.unit_doc.tolist()):
        units_of[row].append(unit)
    rows = [row_of[str(m.source_id)] for m in members]
    vectors = np.vstack([model.vectors[units_of[r]].mean(axis=0) for r in rows])
    parts = KMeans(2, n_init=10, random_state=0).fit_predict(vectors)
    if parts.min() == parts.max():
        raise AnalysisError(_("Texterna i förslaget går inte att dela i två grupper."))
    moving = 1 if (parts == 1).sum() <= (parts == 0).sum() else 0
    units = [u for r in rows for u in units_of[r]]
    unit_part = np.asarray([parts[i] for i, r in enumerate(rows) for _u in units_of[r]])
    labels = labels_for([model.unit_prepared[u] for u in units], unit_part, 2, model.forms)
    next_id = (theme.run.themes.aggregate(n=Max("engine_id"))["n"] or 0) + 1
    moved = [m for m, p in zip(members, parts, strict=True) if p == moving]
    new = SuggestedTheme.objects.create(
        run=theme.run,
        engine_id=next_id,
        label=labels[moving][:200] or f"{theme.label} (2)",
        quotes=[quote[:300] for quote in (m.source.text for m in moved[:3])],
    )
    SuggestedMember.objects.filter(pk__in=[m.pk for m in moved]).update(theme=new)
    theme.label = labels[1 - moving][:200] or theme.label
    theme.save(update_fields=["label"])
    SuggestedTheme.objects.filter(pk=theme.pk).update(size=theme.members.count())
    SuggestedTheme.objects.filter(pk=new.pk).update(size=new.members.count())
    new.refresh_from_db()
    return new
