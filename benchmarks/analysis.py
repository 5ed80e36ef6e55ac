"""The analysis workspace at scale: survey grid and segments pages, discovery, QDPX export.

    .venv/bin/python benchmarks/analysis.py [--sources 100000] [--codings 300000] [--postgres URL]

1. Fills a fresh database (SQLite in a temporary data dir, or the given PostgreSQL database,
   which is flushed) with one collection of N web answers over two questions, six categories,
   30 codes and M codings (plus 10 % engine proposals).
2. Times the pages in-process with Django's test client (server time, no network), 7 runs
   each after one warm-up, and prints the median and the worst.
3. Times theme discovery for 2,000 sources from the click (run_start + the task) to stored
   suggestions.
4. Runs `lagesbild export-qdpx` in a child process and reports its wall time and peak memory.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "inloggningen tar tid varje morgon systemet hänger sig utbildningen kom för sent läkemedelslistan "
    "visade fel remisser försvann övertid schemat gick inte ihop superanvändarna räckte inte till "
    "patientsäkerheten informationen på intranätet var motsägelsefull vi fick vänta"
).split()


def setup(n_sources: int, n_codings: int) -> str:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from lagesbild.experiences.models import Channel, Prompt, Respondent, Source
    from lagesbild.experiences.services import collection_create
    from lagesbild.staff.models import AccessRole, Staff, StaffMember
    from lagesbild.themes.models import Code, Coding, Origin
    from lagesbild.themes.services import codebook_for

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    rng = random.Random(1)
    user = get_user_model().objects.create_user("analytiker", password="x", role="editor")
    staff = Staff.objects.create(name="Stab", slug="stab")
    # Rights come from a membership in the staff, not from the account's role.
    StaffMember.objects.create(
        staff=staff, user=user, name="Analytiker", access_role=AccessRole.EDITOR
    )
    collection = collection_create(staff=staff, actor_label="bench", title="Bänk", slug="bank")
    categories = list(collection.categories.all())
    prompts = [Prompt.objects.create(collection=collection, text=f"Fråga {i}") for i in (1, 2)]
    codebook = codebook_for(collection=collection)
    codes = [Code.objects.create(codebook=codebook, name=f"Kod {i}", position=i) for i in range(30)]
    started = time.perf_counter()
    batch = 5000
    for start in range(0, n_sources, batch):
        respondents = Respondent.objects.bulk_create(
            [
                Respondent(collection=collection)
                for _ in range(min(batch, n_sources - start) // 2 + 1)
            ]
        )
        rows = []
        for i in range(min(batch, n_sources - start)):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40)))
            rows.append(
                Source(
                    collection=collection, channel=Channel.WEB, text=text, original_text=text,
                    category=categories[i % len(categories)], prompt=prompts[i % 2],
                    respondent=respondents[i // 2],
                )
            )  # fmt: skip
        Source.objects.bulk_create(rows, batch_size=batch)
    ids = list(Source.objects.filter(collection=collection).values_list("id", "text"))
    pending = []
    for n in range(n_codings):
        source_id, text = ids[rng.randrange(len(ids))]
        start = rng.randrange(max(1, len(text) - 20))
        engine = n % 10 == 0
        pending.append(
            Coding(
                source_id=source_id, code=codes[rng.randrange(len(codes))], start=start,
                end=min(len(text), start + rng.randint(5, 60)),
                coder=None if engine else user, origin=Origin.ENGINE if engine else Origin.PERSON,
            )
        )  # fmt: skip
        if len(pending) == batch:
            Coding.objects.bulk_create(pending)
            pending = []
    Coding.objects.bulk_create(pending)
    analyze()
    print(
        f"  filled {n_sources:,} sources and {n_codings:,} codings in {time.perf_counter() - started:.0f} s"
    )
    return collection.slug


def analyze() -> None:
    """PostgreSQL plans by statistics; autovacuum would gather them later, a bulk load needs them now."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def time_pages(slug: str) -> list[tuple[str, float, float, float]]:
    from django.test import Client

    from lagesbild.themes.models import Code

    client = Client()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="analytiker"))
    code = Code.objects.get(name="Kod 7")
    pages = {
        "grid, first page": f"/analys/{slug}/enkat/",
        "grid, page 200": f"/analys/{slug}/enkat/?sida=200",
        "grid, filtered by code": f"/analys/{slug}/enkat/?code={code.pk}",
        "grid, uncoded only": f"/analys/{slug}/enkat/?uncoded=on",
        "grid, by category": f"/analys/{slug}/enkat/?sort=kategori",
        "segments, first page": f"/analys/{slug}/koder/{code.pk}/",
        "segments, page 100": f"/analys/{slug}/koder/{code.pk}/?sida=100",
        "codebook": f"/analys/{slug}/koder/",
        "triangulation matrix": f"/analys/{slug}/matris/",
    }
    from lagesbild.themes.models import Codebook
    from lagesbild.themes.services import counts_changed

    codebook_id = Codebook.objects.get(collection__slug=slug).pk

    def stale() -> None:
        counts_changed(codebook_id=codebook_id)

    # The codebook and the matrix read cached counts; right after a coding changes they
    # compute them again once. Both are timed.
    pages.update(
        {
            "codebook, after a change": f"/analys/{slug}/koder/",
            "matrix, after a change": f"/analys/{slug}/matris/",
        }
    )
    out = []
    for name, url in pages.items():
        assert client.get(url).status_code == 200, url
        times, cpu = [], []
        for _ in range(7):
            if name.endswith("after a change"):
                stale()
            t, c = time.perf_counter(), time.process_time()
            client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        out.append((name, statistics.median(times), max(times), statistics.median(cpu)))
    return out


def time_discovery(n: int) -> tuple[float, int]:
    from lagesbild.experiences.models import Collection, Source
    from lagesbild.experiences.services import collection_create
    from lagesbild.staff.models import Staff
    from lagesbild.themes.services import codebook_for, run_start, theme_run_execute_now

    eval_dir = ROOT.parent / "shared" / "data" / "eval"
    texts = []
    for path in sorted(eval_dir.glob("*.csv")):
        import csv

        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                text = row.get("text") or row.get("sentence") or next(iter(row.values()))
                if text and len(text) > 20:
                    texts.append(text)
    rng = random.Random(2)
    if len(texts) < n:
        texts = [" ".join(rng.choice(WORDS) for _ in range(20)) for _ in range(n)]
    texts = rng.sample(texts, n)
    staff = Staff.objects.first()
    collection = Collection.objects.filter(slug="disc").first() or collection_create(
        staff=staff, actor_label="bench", title="Disc", slug="disc"
    )
    Source.objects.bulk_create(
        [Source(collection=collection, channel="web", text=t, original_text=t) for t in texts]
    )
    # The worker is a long-running process: scikit-learn is imported once, not per run.
    import lagesbild.engine.themes  # noqa: F401

    started = time.perf_counter()
    run = run_start(codebook=codebook_for(collection=collection), actor=None, enqueue=False)
    run = theme_run_execute_now(run_id=run.pk)
    return time.perf_counter() - started, run.themes.count()


def time_export(slug: str, env: dict[str, str]) -> tuple[float, float, int]:
    out = Path(env["LAGESBILD_DATA_DIR"]) / "bench.qdpx"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "lagesbild"), "export-qdpx", "--collection", slug, "-o", str(out)],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024, out.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=100_000)
    parser.add_argument("--codings", type=int, default=300_000)
    parser.add_argument("--discovery", type=int, default=2000)
    parser.add_argument(
        "--postgres", default="", help="a PostgreSQL URL to use (its data is flushed)"
    )
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument("--reuse", default="", help="a data dir filled by an earlier SQLite run")
    args = parser.parse_args()
    data_dir = args.reuse or tempfile.mkdtemp(prefix="lagesbild-bench-")
    os.environ["LAGESBILD_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    if args.postgres:
        os.environ["DATABASE_URL"] = args.postgres
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    database = "PostgreSQL" if args.postgres else "SQLite"
    print(f"Analysis workspace on {database}: {args.sources:,} sources, {args.codings:,} codings")
    if args.reuse:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        analyze()
        slug = "bank"
    else:
        slug = setup(args.sources, args.codings)
    print(f"  data directory: {data_dir}")
    # CPU time counts this process only: with SQLite that includes the queries, with
    # PostgreSQL it leaves the server's share out. Wall time suffers from a loaded machine.
    print(f"\n  {'page':<26} {'median ms':>10} {'worst ms':>10} {'CPU ms':>8}")
    for name, median, worst, cpu in time_pages(slug):
        print(f"  {name:<26} {median:>10.1f} {worst:>10.1f} {cpu:>8.1f}")
    if not args.reuse:
        seconds, themes = time_discovery(args.discovery)
        print(
            f"\n  discovery, {args.discovery:,} sources (tfidf): {seconds:.1f} s, {themes} themes"
        )
    if not args.skip_export:
        elapsed, peak_mb, size = time_export(slug, dict(os.environ))
        print(
            f"  QDPX export: {elapsed:.1f} s, peak memory {peak_mb:.0f} MB, file {size / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()
