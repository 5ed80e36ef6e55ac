"""Distribution throughput: publish one report to N recipients through a real SMTP server.

    .venv/bin/python benchmarks/distribution.py [--sizes 1000,5000] [--postgres URL] [--pdf]
        [--latency 0,20,50] [--runs 3]

--latency sets how long the SMTP server waits before it accepts each message (milliseconds;
0 = at once, like a relay on loopback; 20 and 50 are what a region's mail relay takes). With
a latency the bare loop is not run (it would take recipients × latency, "the sequential
floor", which is printed instead). Every measurement is repeated --runs times; the tables
show the median and the range, and the share of the baseline is computed per run (baseline
and tracked run back to back) so that load from other processes affects both alike.

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
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def _sink(port: int, latency: float, pipe: "multiprocessing.connection.Connection") -> None:
    """An SMTP server that waits `latency` seconds per message and counts what it accepted.

    The parent sends "stats" over the pipe and gets (messages, distinct recipients) back,
    counted since the last "stats"; "stop" ends it.
    """
    import asyncio
    from collections import Counter

    from aiosmtpd.controller import Controller

    received: Counter[str] = Counter()

    class Sink:
        async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
            if latency:
                await asyncio.sleep(latency)
            received.update(r.lower() for r in envelope.rcpt_tos)
            return "250 OK"

    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    pipe.send("ready")
    while True:
        command = pipe.recv()
        if command == "stats":
            pipe.send((sum(received.values()), len(received), max(received.values(), default=0)))
            received.clear()
        else:
            break
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


def _median_range(values: list[float], fmt: str) -> str:
    return (
        f"{statistics.median(values):{fmt}} ({min(values):{fmt}}–{max(values):{fmt}})"
        if len(values) > 1
        else f"{values[0]:{fmt}}"
    )


class Databases:
    """A migrated template, and a fresh copy of it for every measurement."""

    def __init__(self, postgres: str | None, tmp: Path, smtp_url: str) -> None:
        self.postgres, self.tmp, self.count = postgres, tmp, 0
        template_url = ""
        if postgres:
            import psycopg

            self.admin_url = postgres.replace("postgres://", "postgresql://", 1)
            self.base = postgres.rsplit("/", 1)[0]
            self._sql("DROP DATABASE IF EXISTS lagesbild_bench_template")
            self._sql("CREATE DATABASE lagesbild_bench_template")
            template_url = self.base + "/lagesbild_bench_template"
            self.psycopg = psycopg
        (tmp / "template").mkdir()
        print("Migrerar en tom databas …", flush=True)
        subprocess.run(
            [sys.executable, "-m", "lagesbild.cli", "migrate", "-v0"],
            env=child_env(template_url, str(tmp / "template"), smtp_url),
            cwd=REPO,
            check=True,
        )

    def _sql(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as c:
            c.execute(statement)  # type: ignore[arg-type]

    def fresh(self) -> tuple[str, str]:
        """(DATABASE_URL or "" for SQLite, data dir) of a new copy of the template."""
        self.count += 1
        if self.postgres:
            name = f"lagesbild_bench_{self.count}"
            self._sql(f"DROP DATABASE IF EXISTS {name}")
            self._sql(f"CREATE DATABASE {name} TEMPLATE lagesbild_bench_template")
            return f"{self.base}/{name}", str(self.tmp)
        data_dir = self.tmp / f"run-{self.count}"
        data_dir.mkdir()
        for f in (self.tmp / "template").glob("lagesbild.sqlite3*"):
            shutil.copy(f, data_dir / f.name)
        return "", str(data_dir)

    def drop(self, db_url: str) -> None:
        if db_url:
            self._sql(f"DROP DATABASE IF EXISTS {db_url.rsplit('/', 1)[1]}")

    def close(self) -> None:
        if self.postgres:
            self._sql("DROP DATABASE IF EXISTS lagesbild_bench_template")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument(
        "--postgres", metavar="URL", help="e.g. postgres://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--pdf", action="store_true", help="attach the PDF to every message")
    parser.add_argument(
        "--latency", default="0", help="ms the server waits per message, e.g. 0,20,50"
    )
    parser.add_argument("--runs", type=int, default=3, help="repetitions of every measurement")
    parser.add_argument(
        "--connections",
        type=int,
        help="LAGESBILD_SMTP_CONNECTIONS for the tracked runs (default: the setting's default)",
    )
    parser.add_argument("--child", nargs=2, metavar=("MODE", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child[0], int(args.child[1]), args.pdf)
        return

    if args.connections:
        os.environ["LAGESBILD_SMTP_CONNECTIONS"] = str(args.connections)
    sizes = [int(x) for x in args.sizes.split(",")]
    latencies = [int(x) for x in args.latency.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="lagesbild-bench-"))
    rows: list[dict[str, Any]] = []
    load_before = os.getloadavg()
    try:
        databases = Databases(args.postgres, tmp, "smtp://127.0.0.1:9")
        for latency in latencies:
            port = free_port()
            here, there = multiprocessing.Pipe()
            server = multiprocessing.Process(
                target=_sink, args=(port, latency / 1000, there), daemon=True
            )
            server.start()
            assert here.recv() == "ready"
            smtp_url = f"smtp://127.0.0.1:{port}"
            modes = ("baseline", "tracked") if latency == 0 else ("tracked",)
            for n in sizes:
                for run in range(args.runs):
                    for mode in modes:
                        db_url, run_dir = databases.fresh()
                        cmd = [sys.executable, __file__, "--child", mode, str(n)]
                        out = subprocess.run(
                            cmd + (["--pdf"] if args.pdf else []),
                            env=child_env(db_url, run_dir, smtp_url),
                            cwd=REPO,
                            check=True,
                            capture_output=True,
                            text=True,
                        ).stdout
                        row = json.loads(out.strip().splitlines()[-1])
                        here.send("stats")
                        row["received"], row["distinct"], row["most"] = here.recv()
                        row.update(latency=latency, run=run)
                        rows.append(row)
                        print(
                            f"  {latency} ms {mode} {n}: {row['seconds']:.2f} s, "
                            f"{row['received']} mottagna, högst {row['most']} per adress",
                            flush=True,
                        )
                        databases.drop(db_url)
            here.send("stop")
            server.join(10)
        databases.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    load_after = os.getloadavg()
    report(rows, args, load_before, load_after)


def report(
    rows: list[dict[str, Any]],
    args: argparse.Namespace,
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
) -> None:
    db = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"\nDatabas: {db}; PDF bifogad: {'ja' if args.pdf else 'nej'}; SMTP: aiosmtpd i egen "
        f"process; SMTP-förbindelser per arbetare: "
        f"{os.environ.get('LAGESBILD_SMTP_CONNECTIONS', 'standard (20)')}; "
        f"{args.runs} körningar, median (min–max); belastning (1 min) före/efter: "
        f"{load_before[0]:.1f}/{load_after[0]:.1f} på {os.cpu_count()} kärnor"
    )
    print(
        "| database | relay latency (ms) | mode | recipients | time (s) | messages/s "
        "| max RSS (MB) | share of baseline | sequential floor (s) | twice |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    groups: dict[tuple[int, str, int], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["latency"], r["mode"], r["n"]), []).append(r)
    for (latency, mode, n), group in groups.items():
        share = ""
        if mode == "tracked" and (latency, "baseline", n) in groups:
            base = {r["run"]: r for r in groups[(latency, "baseline", n)]}
            ratios = [
                (r["sent"] / r["seconds"]) / (base[r["run"]]["sent"] / base[r["run"]]["seconds"])
                for r in group
            ]
            share = _median_range([100 * x for x in ratios], ".0f") + " %"
        floor = f"{n * latency / 1000:.0f}" if latency else ""
        twice = sum(1 for r in group if r["most"] > 1 or r["distinct"] != r["n"])
        print(
            f"| {db} | {latency} | {mode} | {n:,} | "
            f"{_median_range([r['seconds'] for r in group], '.2f')} | "
            f"{_median_range([r['sent'] / r['seconds'] for r in group], '.0f')} | "
            f"{_median_range([r['rss_mb'] for r in group], '.1f')} | {share} | {floor} | "
            f"{'nej' if not twice else f'{twice} körningar fel'} |"
        )


if __name__ == "__main__":
    main()
