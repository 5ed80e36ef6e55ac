"""The joint report's draft rendered with live citations, beside its frozen published version.

    .venv/bin/python benchmarks/joint_render.py [--lessons 12] [--out draft.md] [--data DIR]

1. Loads the demo into a fresh SQLite database (`lagesbild demo --no-serve`), or reuses the one
   in --data DIR (the demo is random: compare two versions of the code on the same data).
2. Makes the demo's joint report draft (nr 3) cite the first N published lessons in its text
   (`[@lärdom:N]`), beside what the demo already cites (the computed "Lärdomar" section cites
   every published lesson too).
3. Renders the draft and the published nr 2 (frozen footnotes) 7 times after a warm-up:
   CPU median, wall median, queries, footnotes by kind. --out writes the draft's Markdown, so
   two runs (before and after a change, same --data) can be compared with diff.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MARK = "\n\nLärdomarna: "


def measure(report) -> tuple[float, float, int, object]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lagesbild.reports.rendering import report_render

    report_render(report)
    cpu, wall = [], []
    for _ in range(7):
        t, c = time.perf_counter(), time.process_time()
        report_render(report)
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    with CaptureQueriesContext(connection) as captured:
        rendered = report_render(report)
    return statistics.median(cpu), statistics.median(wall), len(captured), rendered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=12)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    data = args.data or Path(tempfile.mkdtemp(prefix="lagesbild-bench-"))
    os.environ["LAGESBILD_DATA_DIR"] = str(data)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from lagesbild.lessons.models import Lesson
    from lagesbild.reports.models import Report, ReportSection, SectionKind

    call_command("demo", "--no-serve", verbosity=0, stdout=open(os.devnull, "w"))
    draft = Report.objects.get(series__slug="gemensam-rapport", state="draft")
    published = Report.objects.filter(series__slug="gemensam-rapport", state="published")
    frozen = published.order_by("-number").first()
    staff = draft.series.staff
    numbers = Lesson.objects.filter(staff=staff, is_published=True).order_by("number")
    cites = " ".join(f"[@lärdom:{n}]" for n in numbers.values_list("number", flat=True))
    section = draft.sections.filter(kind=SectionKind.TEXT).order_by("position").first()
    assert section is not None
    body = section.body.split(MARK)[0]  # as the demo wrote it, when --data is reused
    ReportSection.objects.filter(pk=section.pk).update(
        body=f"{body}{MARK}{' '.join(cites.split()[: args.lessons])}"
    )
    print(f"Joint report render on SQLite (demo data), {args.lessons} lesson citations in text")
    print(f"\n  {'version':<22} {'CPU ms':>8} {'wall ms':>8} {'queries':>8}  footnotes")
    for name, report in (("draft (live)", draft), ("published (frozen)", frozen)):
        cpu, wall, queries, rendered = measure(report)
        kinds: dict[str, int] = {}
        for f in rendered.footnotes:  # type: ignore[attr-defined]
            kinds[f.prefix] = kinds.get(f.prefix, 0) + 1
        print(f"  {name:<22} {cpu:>8.1f} {wall:>8.1f} {queries:>8}  {kinds}")
        if args.out and report is draft:
            args.out.write_text(rendered.markdown(), encoding="utf-8")  # type: ignore[attr-defined]
    print(f"\n  load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
