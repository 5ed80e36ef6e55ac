"""Theme discovery runs: the selection, start (enqueue), execute in the background, store.

The engine's fitted model is pickled per run; `load_model` gives it back for the follow-ups
(assign later answers, find more like this, split).
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.experiences.models import Channel, Prompt, Source
from lagesbild.themes.models import (
    Codebook,
    Coding,
    RunStatus,
    SuggestedMember,
    SuggestedTheme,
    SuggestionStatus,
    ThemeRun,
)
from lagesbild.themes.services.coding import AnalysisError

BACKENDS = ("tfidf", "e5")
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
        # threadpoolctl comes with scikit-learn; see settings.THEMES_ENGINE_THREADS for why.
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=settings.THEMES_ENGINE_THREADS):
            model = discover_themes(
                [r[1] for r in rows],
                ids=[str(r[0]) for r in rows],
                metadata=[
                    {"kategori": r[2] or "", "kanal": str(labels.get(r[3], r[3]))} for r in rows
                ],
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
