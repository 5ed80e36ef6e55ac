"""Distribution throughput: publish one report to N recipients through a real SMTP server.

    .venv/bin/python benchmarks/distribution.py [--sizes 1000,5000] [--postgres URL] [--pdf]

The SMTP server (aiosmtpd) runs in its own process so it does not share our GIL. Each
measurement runs in a fresh child process so peak memory (max RSS) is comparable:

- baseline: a bare smtplib loop sending one pre-rendered message over one connection
  (the practical limit of the server);
- tracked: `report_publish_and_distribute` with full tracking (Delivery rows, claims,
  per-message state writes, personalised rendering) on a temporary SQLite database
  (or a fresh PostgreSQL database from a migrated template with --postgres).
"""

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _sink(
    port: int, ready: "multiprocessing.synchronize.Event", stop: "multiprocessing.synchronize.Event"
) -> None:
    from aiosmtpd.controller import Controller

    class Sink:
        async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
            return "250 OK"

    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def child_env(db_url: str, data_dir: str, smtp_url: str) -> dict[str, str]:
    """db_url "" means the app's own SQLite set-up (WAL, synchronous=NORMAL) in data_dir."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if db_url:
        env["DATABASE_URL"] = db_url
    env.update(
        LAGESBILD_DATA_DIR=data_dir,
        LAGESBILD_SMTP_URL=smtp_url,
        LAGESBILD_MAIL_FROM="lagesbild@region.example",
        LAGESBILD_TASK_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        LAGESBILD_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="lagesbild.settings",
    )
    return env


def _setup_django() -> None:
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def _make_report(n: int, pdf: bool) -> object:
    from lagesbild.distribution.models import DistributionList, Recipient, SeriesDistribution
    from lagesbild.reports.models import ReportState
    from lagesbild.testing import make_report, make_series, make_staff

    staff = make_staff()
    lst = DistributionList.objects.create(staff=staff, name="Alla")
    Recipient.objects.bulk_create(
        (
            Recipient(
                distribution_list=lst,
                name=f"Person {i}",
                email=f"p{i}@region.example",
                organisation="Regionen",
            )
            for i in range(n)
        ),
        batch_size=1000,
    )
    series = make_series(staff=staff, title="Regional rapport")
    config = SeriesDistribution.objects.create(series=series, attach_pdf=pdf)
    config.lists.set([lst])
    body = "\n".join(
        f"- Punkt {i} om **läget** i vården, se [sidan](https://intranat.example/{i})"
        for i in range(15)
    )
    return make_report(
        series,
        state=ReportState.APPROVED,
        title="Regional rapport",
        sections=[("Sammanfattande lägesbild", body), ("Kommunikativ lägesbild", body)],
    )


def run_child(mode: str, n: int, pdf: bool) -> None:
    """Runs in a fresh process; prints one JSON line with the measurement."""
    _setup_django()
    from django.conf import settings
    from django.db import transaction

    from lagesbild.distribution.models import Delivery
    from lagesbild.distribution.services import report_publish_and_distribute
    from lagesbild.distribution.services.messages import report_message_template
    from lagesbild.lib.emails import smtp_close, smtp_connect, smtp_settings_parse

    report = _make_report(n, pdf)
    # A worker imports the URL map once at start; that is not part of sending.
    from django.urls import reverse

    reverse("reports:index")
    if mode == "baseline":
        import smtplib

        message = report_message_template(report=report, attach_pdf=pdf).personalise(  # type: ignore[arg-type]
            address="p0@region.example", name="Person 0", fill=" Person 0"
        )
        cfg = smtp_settings_parse(settings.SMTP_URL)
        start = time.perf_counter()
        conn = smtp_connect(cfg)
        for i in range(n):
            conn.sendmail("lagesbild@region.example", [f"p{i}@region.example"], message)
        smtp_close(conn)
        elapsed = time.perf_counter() - start
        sent = n
        assert isinstance(conn, smtplib.SMTP)
    else:
        start = time.perf_counter()
        with transaction.atomic():
            report_publish_and_distribute(report=report, by_label="benchmark")  # type: ignore[arg-type]
        elapsed = time.perf_counter() - start
        sent = Delivery.objects.filter(state="sent").count()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "n": n, "sent": sent, "seconds": elapsed, "rss_mb": rss_mb}))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument(
        "--postgres", metavar="URL", help="e.g. postgres://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--pdf", action="store_true", help="attach the PDF to every message")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child[0], int(args.child[1]), args.pdf)
        return

    port = free_port()
    ready, stop = multiprocessing.Event(), multiprocessing.Event()
    server = multiprocessing.Process(target=_sink, args=(port, ready, stop), daemon=True)
    server.start()
    ready.wait(30)
    smtp_url = f"smtp://127.0.0.1:{port}"
    tmp = Path(tempfile.mkdtemp(prefix="lagesbild-bench-"))
    python = sys.executable
    try:
        if args.postgres:
            import psycopg

            admin_url = args.postgres.replace("postgres://", "postgresql://", 1)
            base = args.postgres.rsplit("/", 1)[0]
            with psycopg.connect(admin_url, autocommit=True) as c:
                c.execute("DROP DATABASE IF EXISTS lagesbild_bench_template")
                c.execute("CREATE DATABASE lagesbild_bench_template")
            template_url = base + "/lagesbild_bench_template"
        else:
            template_url = ""
        (tmp / "template").mkdir()
        print("Migrerar en tom databas …", flush=True)
        subprocess.run(
            [python, "-m", "lagesbild.cli", "migrate", "-v0"],
            env=child_env(template_url, str(tmp / "template"), smtp_url),
            cwd=REPO,
            check=True,
        )
        rows = []
        for n in [int(s) for s in args.sizes.split(",")]:
            for mode in ("baseline", "tracked"):
                if args.postgres:
                    name = f"lagesbild_bench_{mode}_{n}"
                    with psycopg.connect(admin_url, autocommit=True) as c:
                        c.execute(f"DROP DATABASE IF EXISTS {name}")
                        c.execute(f"CREATE DATABASE {name} TEMPLATE lagesbild_bench_template")
                    db_url = f"{base}/{name}"
                else:
                    data_dir = tmp / f"{mode}-{n}"
                    data_dir.mkdir()
                    for f in (tmp / "template").glob("lagesbild.sqlite3*"):
                        shutil.copy(f, data_dir / f.name)
                    db_url = ""
                cmd = [python, __file__, "--child", mode, str(n)] + (["--pdf"] if args.pdf else [])
                run_dir = str(tmp if args.postgres else data_dir)
                out = subprocess.run(
                    cmd,
                    env=child_env(db_url, run_dir, smtp_url),
                    cwd=REPO,
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                rows.append(json.loads(out.strip().splitlines()[-1]))
                if args.postgres:
                    with psycopg.connect(admin_url, autocommit=True) as c:
                        c.execute(f"DROP DATABASE IF EXISTS {name}")
        if args.postgres:
            with psycopg.connect(admin_url, autocommit=True) as c:
                c.execute("DROP DATABASE IF EXISTS lagesbild_bench_template")
    finally:
        stop.set()
        server.join(10)
        shutil.rmtree(tmp, ignore_errors=True)

    db = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"\nDatabas: {db}; PDF bifogad: {'ja' if args.pdf else 'nej'}; SMTP: aiosmtpd i egen process"
    )
    print(
        f"{'läge':<10}{'mottagare':>10}{'skickade':>10}{'tid (s)':>10}{'brev/s':>10}{'max RSS (MB)':>14}"
    )
    for r in rows:
        rate = r["sent"] / r["seconds"]
        print(
            f"{r['mode']:<10}{r['n']:>10}{r['sent']:>10}{r['seconds']:>10.2f}{rate:>10.0f}{r['rss_mb']:>14.1f}"
        )
    by = {(r["mode"], r["n"]): r for r in rows}
    for n in sorted({r["n"] for r in rows}):
        base, tracked = by[("baseline", n)], by[("tracked", n)]
        ratio = (tracked["sent"] / tracked["seconds"]) / (base["sent"] / base["seconds"])
        print(f"{n} mottagare: spårat utskick når {ratio:.0%} av baslinjens takt")


if __name__ == "__main__":
    main()
