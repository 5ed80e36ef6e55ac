"""The editor page and a section save, timed in the server (Django's test client, no network).

    .venv/bin/python benchmarks/editor.py [--runs 40] [--postgres postgres://postgres@127.0.0.1:5432/postgres]

Wall time is what a person waits on an idle server; the CPU time of the process is printed
beside it because on a shared, loaded machine only that stays comparable between runs.

Targets (issue #11): the editor page of a report with 12 sections renders in under 150 ms
and a section save takes under 100 ms, on SQLite and on PostgreSQL. Each database run is a
child process on a fresh database (a temporary SQLite file, or a new PostgreSQL database
that is dropped afterwards). The report is nr 2 of a series whose nr 1 is published, so the
page also compares every section with the last report, as it does in real use.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGETS = {"editor_page_ms": 150.0, "section_save_ms": 100.0}


def _child(runs: int) -> dict[str, float]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    from lagesbild.reports import services
    from lagesbild.reports.models import SectionKind, TemplateSection
    from lagesbild.staff.models import AccessRole, StaffRole
    from lagesbild.testing import (
        make_action,
        make_link_collection,
        make_member,
        make_series,
        make_spokesperson,
        make_user,
    )

    editor = make_user("bench-editor", "editor")
    lead = make_user("bench-lead", "staff_lead")
    series = make_series(title="Regional rapport Samordning vårdinformationssystem")
    staff = series.staff
    make_member(staff, editor, access_role=AccessRole.EDITOR)
    make_member(staff, lead, staff_role=StaffRole.LEAD, access_role=AccessRole.EDITOR)
    make_spokesperson(staff)
    links = make_link_collection(staff)
    for i in range(8):
        make_action(staff, title=f"Åtgärd {i}")
    kinds = [SectionKind.TEXT] * 7 + [
        SectionKind.ACTIONS,
        SectionKind.LINKS,
        SectionKind.SPOKESPERSONS,
        SectionKind.STANDING,
        SectionKind.STANDING,
    ]
    body = "\n".join(
        f"- Punkt {i}: driften är **stabil** och remisskön minskar.\n  - Detalj {i}."
        for i in range(6)
    )
    for position, kind in enumerate(kinds):
        TemplateSection.objects.create(
            series=series,
            position=position,
            heading=f"Avsnitt {position}" if position < 11 else "",
            kind=kind,
            body=body if kind in (SectionKind.TEXT, SectionKind.STANDING) else "",
            link_collection=links if kind == SectionKind.LINKS else None,
        )
    first = services.report_create_next(series=series, by=editor)
    for step in (
        services.report_submit_for_review,
        services.report_approve,
        services.report_publish,
    ):
        step(report=first, by=lead)
    report = services.report_create_next(series=series, by=editor)
    assert report.sections.count() == 12
    section = report.sections.filter(kind=SectionKind.TEXT).first()
    assert section is not None

    client = Client()
    client.force_login(editor)
    url = f"/rapporter/{report.pk}/redigera/"
    client.get(url)  # warm template and URL caches
    page_ms, page_cpu = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        page_ms.append((time.perf_counter() - start) * 1000)
        page_cpu.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200
    queries: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(client.get, url)
        pstats.Stats(profile, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    save_ms, save_cpu = [], []
    save_url = f"/rapporter/{report.pk}/redigera/avsnitt/{section.pk}/"
    for i in range(runs):
        section.refresh_from_db()
        data = {"revision": section.revision, "heading": section.heading, "body": f"- Läge {i}."}
        start, cpu = time.perf_counter(), time.process_time()
        response = client.post(save_url, data | {"save": "1"})
        save_ms.append((time.perf_counter() - start) * 1000)
        save_cpu.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 302, response.status_code
    return {
        "editor_page_ms": statistics.median(page_ms),
        "editor_page_queries": float(len(queries)),
        "section_save_ms": statistics.median(save_ms),
        "editor_page_cpu_ms": statistics.median(page_cpu),
        "section_save_cpu_ms": statistics.median(save_cpu),
    }


def _run(db_url: str, runs: int) -> dict[str, float]:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="lagesbild.settings")
    env.pop("DATABASE_URL", None)
    with tempfile.TemporaryDirectory(prefix="bench-editor-") as data_dir:
        env["LAGESBILD_DATA_DIR"] = data_dir
        if db_url:
            env["DATABASE_URL"] = db_url
        out = subprocess.run(
            [sys.executable, __file__, "--child", "--runs", str(runs)],
            env=env,
            cwd=REPO,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _postgres(url: str, runs: int) -> dict[str, float]:
    import psycopg

    name = f"bench_editor_{uuid.uuid4().hex[:8]}"
    admin = url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        return _run(url.rsplit("/", 1)[0] + "/" + name, runs)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--postgres", default="", help="a server URL; a fresh database is made")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.runs)))
        return
    results = {"sqlite": _run("", args.runs)}
    if args.postgres:
        results["postgresql"] = _postgres(args.postgres, args.runs)
    for db, numbers in results.items():
        print(f"{db}:")
        for key, target in TARGETS.items():
            value = numbers[key]
            cpu = numbers[key.replace("_ms", "_cpu_ms")]
            print(
                f"  {key:<16} median {value:7.1f} ms (CPU {cpu:6.1f} ms)   "
                f"target < {target:.0f}   ratio {value / target:.2f}"
            )
        print(f"  editor page queries: {numbers['editor_page_queries']:.0f}")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
