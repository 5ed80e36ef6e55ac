"""Lessons at scale: the list (support of every lesson) and a lesson's page over many codings.

    .venv/bin/python benchmarks/lessons.py [--sources 20000] [--codings 60000] [--lessons 40]

1. Fills a fresh SQLite database with the analysis benchmark's collection (benchmarks/analysis.py:
   web answers, six categories, 30 codes, codings with 10 % engine proposals) and N lessons,
   each citing two codes and quoting five passages.
2. Times, in-process with Django's test client, the lessons list, the list filtered by strength
   and one lesson's page (7 runs after a warm-up: median, worst, CPU), and, as the baseline in
   the same process, the analysis workspace's triangulation matrix over the same codings.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def add_lessons(n: int) -> int:
    from django.contrib.auth import get_user_model

    from lagesbild.lessons.models import Lesson, LessonEvidence
    from lagesbild.staff.models import Staff, StaffMember
    from lagesbild.themes.models import Code, Coding

    rng = random.Random(3)
    staff = Staff.objects.get(slug="stab")
    user = get_user_model().objects.get(username="analytiker")
    StaffMember.objects.get_or_create(
        staff=staff, user=user, defaults={"access_role": "editor", "name": "Analytiker"}
    )
    codes = list(Code.objects.all())
    quotes = list(Coding.objects.confirmed().values_list("pk", flat=True)[:5000])
    first = None
    for i in range(n):
        lesson = Lesson.objects.create(staff=staff, number=i + 1, title=f"Lärdom {i + 1}")
        first = first or lesson
        for code in rng.sample(codes, 2):
            LessonEvidence.objects.create(lesson=lesson, code=code)
        for pk in rng.sample(quotes, 5):
            LessonEvidence.objects.create(lesson=lesson, coding_id=pk)
    return first.pk if first else 0


def timed(client, url: str) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    assert client.get(url).status_code == 200, url
    times, cpu = [], []
    for _ in range(7):
        t, c = time.perf_counter(), time.process_time()
        client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return statistics.median(times), max(times), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=20_000)
    parser.add_argument("--codings", type=int, default=60_000)
    parser.add_argument("--lessons", type=int, default=40)
    args = parser.parse_args()
    os.environ["LAGESBILD_DATA_DIR"] = tempfile.mkdtemp(prefix="lagesbild-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    import django

    django.setup()
    import analysis  # benchmarks/analysis.py: the same collection
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    print(
        f"Lessons on SQLite: {args.sources:,} sources, {args.codings:,} codings, {args.lessons} lessons"
    )
    slug = analysis.setup(args.sources, args.codings)
    first = add_lessons(args.lessons)
    client = Client()
    client.force_login(get_user_model().objects.get(username="analytiker"))
    pages = {
        "triangulation matrix (baseline)": f"/analys/{slug}/matris/",
        "lessons list": "/lardomar/stab/stab/",
        "lessons list, strong only": "/lardomar/stab/stab/?stod=strong",
        "one lesson's page": f"/lardomar/{first}/",
    }
    print(f"\n  {'page':<32} {'median ms':>10} {'worst ms':>10} {'CPU ms':>8}")
    base = None
    for name, url in pages.items():
        median, worst, cpu = timed(client, url)
        base = base or median
        print(f"  {name:<32} {median:>10.1f} {worst:>10.1f} {cpu:>8.1f}  ×{median / base:.2f}")
    print(f"\n  load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
