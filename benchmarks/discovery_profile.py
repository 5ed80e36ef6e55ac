"""Where the time of one theme discovery goes: the engine, or the web app around it.

    .venv/bin/python benchmarks/discovery_profile.py [--sources 2000] [--runs 3] [--top 25]

Fills a temporary SQLite database with N web answers (the labelled Swedish eval sentences,
as benchmarks/analysis.py uses), imports the engine first (the worker is a long-running
process), then runs `run_start` + `theme_run_execute_now` under cProfile. Prints the CPU
seconds (process time: robust on a loaded machine) of each run, split into the engine's
`discover_themes` call and the rest (reads, stored suggestions and members, the pickled
model), the median over the runs; then one more run under cProfile, by cumulative and own time.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def texts(n: int) -> list[str]:
    out = []
    for path in sorted((ROOT.parent / "shared" / "data" / "eval").glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                text = row.get("text") or row.get("sentence") or next(iter(row.values()))
                if text and len(text) > 20:
                    out.append(text)
    rng = random.Random(2)
    if len(out) < n:
        out = (out * (n // max(1, len(out)) + 1))[:n]
    return rng.sample(out, n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    os.environ["LAGESBILD_DATA_DIR"] = tempfile.mkdtemp(prefix="lagesbild-disc-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from lagesbild.engine import themes as engine_themes
    from lagesbild.experiences.models import Source
    from lagesbild.experiences.services import collection_create
    from lagesbild.staff.models import Staff
    from lagesbild.themes.services import codebook_for, run_start, theme_run_execute_now

    staff = Staff.objects.create(name="Stab", slug="stab")
    collection = collection_create(staff=staff, actor_label="bench", title="Disc", slug="disc")
    categories = list(collection.categories.all())
    Source.objects.bulk_create(
        [
            Source(
                collection=collection, channel="web", text=t, original_text=t,
                category=categories[i % len(categories)],
            )
            for i, t in enumerate(texts(args.sources))
        ]
    )  # fmt: skip
    codebook = codebook_for(collection=collection)

    engine_cpu = [0.0]
    original = engine_themes.discover_themes

    def timed(*a, **k):  # type: ignore[no-untyped-def]
        started = time.process_time()
        try:
            return original(*a, **k)
        finally:
            engine_cpu[0] += time.process_time() - started

    import lagesbild.engine as engine_package

    engine_package.__dict__["discover_themes"] = timed  # the lazy export is looked up here
    totals, engines, walls = [], [], []
    for i in range(args.runs):
        engine_cpu[0] = 0.0
        wall, cpu = time.perf_counter(), time.process_time()
        run = run_start(codebook=codebook, actor=None, enqueue=False)
        run = theme_run_execute_now(run_id=run.pk)
        cpu = time.process_time() - cpu
        walls.append(time.perf_counter() - wall)
        totals.append(cpu)
        engines.append(engine_cpu[0])
        print(
            f"  run {i + 1}: {run.status}, {run.themes.count()} themes, wall {walls[-1]:.2f} s, "
            f"CPU {cpu:.2f} s (engine {engine_cpu[0]:.2f} s, web app {cpu - engine_cpu[0]:.2f} s)"
        )
    print(
        f"\n  median of {args.runs}: wall {statistics.median(walls):.2f} s, CPU "
        f"{statistics.median(totals):.2f} s, engine {statistics.median(engines):.2f} s, "
        f"web app {statistics.median([t - e for t, e in zip(totals, engines, strict=True)]):.2f} s"
    )
    print(f"  load average: {os.getloadavg()[0]:.1f}\n")
    # One more run under the profiler (which slows everything down): where the time goes.
    profile = cProfile.Profile()
    profile.enable()
    theme_run_execute_now(run_id=run_start(codebook=codebook, actor=None, enqueue=False).pk)
    profile.disable()
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
