"""Theme discovery runs: start, execute in the background, and the person's verdict on each theme."""

from __future__ import annotations

import pickle
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.experiences.models import Channel, Prompt, Source
from lagesbild.themes.models import (
    Code,
    Codebook,
    Coding,
    Origin,
    RunStatus,
    SuggestedMember,
    SuggestedTheme,
    SuggestionStatus,
    ThemeRun,
)
from lagesbild.themes.services.coding import AnalysisError, code_create

BACKENDS = ("tfidf", "e5")
# A text sent in identically by at least this many counts as a campaign, not as many voices.
CAMPAIGN_MIN = 3
# The engine's progress messages, in the order it says them, and how far along each one is.
_STEPS = (("Förbereder", 10), ("Beräknar", 30), ("Söker", 60), ("Klart", 95))


def selection(
    *, codebook: Codebook, prompt: Prompt | None = None, channel: str = ""
) -> QuerySet[Source]:
    """The sources a run looks at: the collection, or one question, or one channel; never empty texts."""
    sources = Source.objects.filter(collection_id=codebook.collection_id).exclude(text="")
    if prompt is not None:
        sources = sources.filter(prompt=prompt)
    if channel:
        sources = sources.filter(channel=channel)
    return sources


def run_start(
    *,
    codebook: Codebook,
    actor: User | None,
    prompt: Prompt | None = None,
    channel: str = "",
    backend: str = "tfidf",
    enqueue: bool = True,
) -> ThemeRun:
    """Record a run and enqueue it once the transaction commits; refuses an empty selection.

    The CLI and the demo pass enqueue=False and call theme_run_execute_now themselves.
    """
    if backend not in BACKENDS:
        raise AnalysisError(_("Okänd metod: %(backend)s.") % {"backend": backend})
    if channel and channel not in Channel.values:
        raise AnalysisError(_("Okänd kanal."))
    sources = selection(codebook=codebook, prompt=prompt, channel=channel)
    count = sources.count()
    if count < 2:
        raise AnalysisError(
            _("Urvalet innehåller %(n)d källor med text. Temasökning behöver minst två.")
            % {"n": count}
        )
    run = ThemeRun.objects.create(
        codebook=codebook,
        prompt=prompt,
        channel=channel,
        backend=backend,
        source_count=count,
        started_by=actor,
        engine_version=version("lagesbild"),
        parameters={"max_source_id": sources.aggregate(n=Max("id"))["n"]},
        message=_("Väntar på att starta"),
    )
    if enqueue:
        transaction.on_commit(
            lambda: import_string("lagesbild.themes.tasks.theme_run_execute").enqueue(run.pk)
        )
    return run


def _model_path(run_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "themes" / "runs" / f"{run_id}.pickle"


def _spans(text: str, passages: list[str]) -> list[list[int]]:
    """Where each passage sits in the text; the whole text when it cannot be found verbatim."""
    spans, cursor = [], 0
    for passage in passages:
        at = text.find(passage, cursor)
        if at < 0:
            return [[0, len(text)]]
        spans.append([at, at + len(passage)])
        cursor = at + len(passage)
    return spans or [[0, len(text)]]


def _seeds(codebook: Codebook) -> list[Any]:
    from lagesbild.engine import SeedTheme

    seeds = []
    for code in codebook.codes.active().filter(is_theme=True):
        codings = (
            Coding.objects.confirmed()
            .filter(code=code, sample__isnull=True)
            .select_related("source")[:200]
        )
        texts = tuple(c.passage() for c in codings if c.passage().strip())
        if texts:
            seeds.append(SeedTheme(label=code.name, texts=texts))
    return seeds


def theme_run_execute_now(*, run_id: int) -> ThemeRun:
    """Run the engine for a run; a finished run is left alone, so running twice does nothing."""
    from lagesbild.engine import discover_themes

    run = ThemeRun.objects.select_related("codebook").get(pk=run_id)
    if run.status in (RunStatus.DONE, RunStatus.RUNNING):
        return run
    ThemeRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, progress=5, message=_("Hämtar texterna")
    )
    max_id = run.parameters.get("max_source_id") or 0
    rows = list(
        selection(codebook=run.codebook, prompt=run.prompt, channel=run.channel)
        .filter(id__lte=max_id)
        .order_by("id")
        .values_list("id", "text", "category__name", "channel")
    )
    labels = dict(Channel.choices)

    def progress(message: str) -> None:
        percent = next((p for prefix, p in _STEPS if message.startswith(prefix)), None)
        fields: dict[str, Any] = {"message": message[:300]}
        if percent:
            fields["progress"] = percent
        ThemeRun.objects.filter(pk=run.pk).update(**fields)

    try:
        model = discover_themes(
            [r[1] for r in rows],
            ids=[str(r[0]) for r in rows],
            metadata=[{"kategori": r[2] or "", "kanal": str(labels.get(r[3], r[3]))} for r in rows],
            backend=run.backend,
            seeds=_seeds(run.codebook) or None,
            progress=progress,
        )
    except Exception as exc:  # noqa: BLE001 - any engine failure ends the run with a message
        ThemeRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, message=str(exc)[:300], finished_at=timezone.now()
        )
        run.refresh_from_db()
        return run
    with transaction.atomic():
        _store(run, model, rows)
        params = {**run.parameters, **model.params}
        ThemeRun.objects.filter(pk=run.pk).update(
            status=RunStatus.DONE,
            progress=100,
            message=_("Klart: %(n)d teman") % {"n": len(model.themes)},
            parameters=params,
            finished_at=timezone.now(),
        )
    try:
        path = _model_path(run.pk)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
    except (pickle.PicklingError, TypeError, AttributeError, OSError):
        pass  # without the stored model only "assign later" and "find more like this" are missing
    run.refresh_from_db()
    return run


def _store(run: ThemeRun, model: Any, rows: Sequence[tuple[int, str, str | None, str]]) -> None:
    themes = {}
    for theme in model.themes:
        themes[theme.id] = SuggestedTheme.objects.create(
            run=run,
            engine_id=theme.id,
            label=theme.label[:200] or _("Tema %(n)d") % {"n": theme.id + 1},
            size=theme.size,
            quotes=theme.quotes,
            counts=theme.by,
            status=SuggestionStatus.CONFIRMED if theme.confirmed else SuggestionStatus.SUGGESTED,
        )
    _add_members(model, range(len(model.unit_doc)), rows, themes, offset=0, later=False)


def _add_members(
    model: Any,
    units: range,
    rows: Sequence[tuple[int, str, str | None, str]],
    themes: dict[int, SuggestedTheme],
    offset: int,
    later: bool,
) -> list[SuggestedMember]:
    grouped: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i in units:
        grouped[(int(model.unit_doc[i]), int(model.assignment[i]))].append(i)
    members = []
    for (doc, theme_id), idx in grouped.items():
        source_id, text = rows[doc - offset][0], rows[doc - offset][1]
        members.append(
            SuggestedMember(
                theme=themes[theme_id],
                source_id=source_id,
                strength=round(max(float(model.strength[i]) for i in idx), 4),
                uncertain=all(bool(model.uncertain[i]) for i in idx),
                spans=_spans(text, [model.unit_text[i] for i in idx]),
                assigned_later=later,
            )
        )
    return SuggestedMember.objects.bulk_create(members, batch_size=1000)


def load_model(run: ThemeRun) -> Any | None:
    path = _model_path(run.pk)
    if not path.exists():
        return None
    return pickle.loads(path.read_bytes())  # noqa: S301 - our own file, written by this app


def _confirmed_codings(
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
    _confirmed_codings(theme, list(theme.members.all()), actor)
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
            _confirmed_codings(theme, [moved], actor)


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
                _confirmed_codings(theme, mine, None)
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


@dataclass(frozen=True)
class CampaignCount:
    total: int
    in_campaigns: int
    campaigns: int


def campaign_count(source_ids: QuerySet[Any] | list[int]) -> CampaignCount:
    """How many of these sources are copies of one text sent by many (a campaign or template)."""
    # One grouped pass: the group sizes add up to the total, the big groups are the campaigns.
    groups = (
        Source.objects.filter(pk__in=source_ids)
        .values("text_hash")
        .annotate(n=Count("id"))
        .values_list("text_hash", "n")
    )
    total = in_campaigns = campaigns = 0
    for text_hash, n in groups:
        total += n
        if text_hash and n >= CAMPAIGN_MIN:
            in_campaigns += n
            campaigns += 1
    return CampaignCount(total=total, in_campaigns=in_campaigns, campaigns=campaigns)
