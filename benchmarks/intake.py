"""Benchmark the experience intake: the anonymous web question under load, and a big import.

Run from the repository root:

    .venv/bin/python benchmarks/intake.py [--seconds 10] [--clients 50] [--postgres URL]
        [--processes 0,1,2] [--runs 3]

1. For SQLite (and PostgreSQL when reachable): a temporary database, a server on a free
   loopback port in a subprocess, then 50 submitter threads with keep-alive http.client
   connections. Each fetches the form once (CSRF cookie and token) and posts answers until
   the time is up. Server configurations (--processes): 0 = `lagesbild serve` (waitress, one
   process), n = `lagesbild serve-production` with n gunicorn processes × 8 threads (--threads). Each run
   measures every configuration back to back; the table shows the median and range of the
   answers accepted per second, the ratio to one process (per run), the cores kept busy by the
   server, the load generator and the whole machine (from /proc), the server's CPU per answer,
   and whether the number stored equals the number accepted.
2. Generates a 10,000-row XLSX survey export and times `lagesbild experiences-import --commit`.

The per-client rate limit would refuse all but the first few posts from 127.0.0.1, so the
benchmark raises it to 1,000,000 per window for the server it starts (the counting still runs).
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LAGESBILD = [sys.executable, "-m", "lagesbild.cli"]
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PROMPT_RE = re.compile(r'name="(answer_\d+)"')
SETUP = """
import django; django.setup()
from lagesbild.staff.models import Staff
from lagesbild.experiences.services import collection_create, web_question_create
staff = Staff.objects.create(name="Benchmarkstab", slug="bench")
c = collection_create(staff=staff, title="Benchmark", slug="bench", actor_label="benchmark")
web_question_create(collection=c, slug="bench", title="Benchmark", prompts=["Vad hände?"],
                    actor=None, actor_label="benchmark")
"""
COUNT = """
import django; django.setup()
from lagesbild.experiences.models import Source
print(Source.objects.filter(channel="web").count())
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(code: str, env: dict[str, str]) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True, cwd=REPO
    ).stdout.strip()


def environment(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="lagesbild.settings",
        LAGESBILD_DATA_DIR=str(data_dir),
        LAGESBILD_ANSWER_RATE_LIMIT="1000000",
        LAGESBILD_LOG_LEVEL="WARNING",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


class Submitter(threading.Thread):
    def __init__(self, port: int, deadline: float, n: int) -> None:
        super().__init__(daemon=True)
        self.port, self.deadline, self.n = port, deadline, n
        self.accepted = self.refused = self.errors = 0

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request("GET", "/erfarenheter/fraga/bench/")
        response = conn.getresponse()
        body = response.read().decode()
        cookie = response.getheader("Set-Cookie", "").split(";")[0]
        token = TOKEN_RE.search(body).group(1)  # type: ignore[union-attr]
        field = PROMPT_RE.search(body).group(1)  # type: ignore[union-attr]
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        i = 0
        while time.monotonic() < self.deadline:
            i += 1
            form = {
                "csrfmiddlewaretoken": token,
                field: f"Svar {i} från skribent {self.n}: inloggningen tar {i % 15} minuter.",
                "website": "",
            }
            try:
                conn.request(
                    "POST", "/erfarenheter/fraga/bench/", urllib.parse.urlencode(form), headers
                )
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                self.errors += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                continue
            if response.status == 302:
                self.accepted += 1
            else:
                self.refused += 1
        conn.close()


def wait_for(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError("the server stopped before it answered")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


THREADS = 8


def server_command(processes: int, port: int) -> list[str]:
    """0: `lagesbild serve` (waitress, one process, 8 threads); n: serve-production, n processes."""
    if processes == 0:
        return [*LAGESBILD, "serve", "--no-worker", "--port", str(port)]
    return [
        *LAGESBILD,
        "serve-production",
        "--bind",
        f"127.0.0.1:{port}",
        "--processes",
        str(processes),
        "--threads",
        str(THREADS),
        "--background-workers",
        "0",
    ]


def web_run(env: dict[str, str], processes: int, seconds: float, clients: int) -> dict[str, float]:
    """One measurement against a fresh server on the prepared database."""
    before = int(run(COUNT, env))
    port = free_port()
    server = subprocess.Popen(
        server_command(processes, port),
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port, server)
        time.sleep(1)  # let gunicorn's workers finish booting before the clock starts
        client_before = resource.getrusage(resource.RUSAGE_SELF)
        server_before, machine_before = _tree_cpu(server.pid), _machine_cpu()
        deadline = time.monotonic() + seconds
        threads = [Submitter(port, deadline, n) for n in range(clients)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        client_after = resource.getrusage(resource.RUSAGE_SELF)
        server_after, machine_after = _tree_cpu(server.pid), _machine_cpu()
    finally:
        server.terminate()
        server.wait(timeout=30)
    accepted = sum(t.accepted for t in threads)
    stored = int(run(COUNT, env)) - before
    return {
        "rate": accepted / elapsed,
        # CPU seconds per second of the measurement: how many cores the load generator, the
        # server (master and workers, after start-up) and the whole machine kept busy.
        "client_cores": (_cpu(client_after) - _cpu(client_before)) / elapsed,
        "server_cores": (server_after - server_before) / elapsed,
        "busy_cores": (machine_after[0] - machine_before[0])
        / (machine_after[1] - machine_before[1])
        * (os.cpu_count() or 1),
        "accepted": accepted,
        "stored": stored,
        "errors": sum(t.errors for t in threads),
        "refused": sum(t.refused for t in threads),
    }


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


TICK = os.sysconf("SC_CLK_TCK")


def _tree_cpu(pid: int) -> float:
    """CPU seconds used so far by a process and its children (gunicorn's workers), from /proc."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / TICK
    return total


def _machine_cpu() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def _median_range(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} ({min(values):.0f}–{max(values):.0f})"


CORES = ("server_cores", "client_cores", "busy_cores")


def web_benchmark(
    label: str,
    database_url: str | None,
    seconds: float,
    clients: int,
    configs: list[int],
    runs: int,
) -> None:
    """Every run measures each server configuration back to back, so that load from other
    processes on the machine weighs on all of them alike; ratios are per run."""
    with tempfile.TemporaryDirectory(prefix="lagesbild-bench-") as tmp:
        env = environment(Path(tmp), database_url)
        subprocess.run([*LAGESBILD, "migrate", "-v0"], env=env, check=True, cwd=REPO)
        subprocess.run([*LAGESBILD, "createcachetable"], env=env, check=True, cwd=REPO)
        run(SETUP, env)
        results: dict[int, list[dict[str, float]]] = {c: [] for c in configs}
        load_before = os.getloadavg()[0]
        for _ in range(runs):
            for config in configs:
                results[config].append(web_run(env, config, seconds, clients))
        load_after = os.getloadavg()[0]
    print(
        f"\n{label}: {clients} skribenter, {seconds:.0f} s per mätning, {runs} körningar, "
        f"median (min–max); belastning (1 min) före/efter {load_before:.1f}/{load_after:.1f} "
        f"på {os.cpu_count()} kärnor"
    )
    print(
        "| database | server | answers/s | vs 1 process | server cores | client cores "
        "| machine busy | server CPU ms/answer | errors | stored = accepted |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for config in configs:
        rows = results[config]
        name = (
            "waitress, 1 process × 8 threads"
            if config == 0
            else (f"gunicorn, {config} process{'es' if config > 1 else ''} × {THREADS} threads")
        )
        ratio = ""
        if config > 1 and 1 in results:
            ratio = (
                _median_range(
                    [100 * r["rate"] / b["rate"] for r, b in zip(rows, results[1], strict=True)]
                )
                + " %"
            )
        same = all(r["stored"] == r["accepted"] for r in rows)
        cores = {k: statistics.median(r[k] for r in rows) for k in CORES}
        per_answer = statistics.median(1000 * r["server_cores"] / r["rate"] for r in rows)
        print(
            f"| {label} | {name} | {_median_range([r['rate'] for r in rows])} | {ratio} | "
            f"{cores['server_cores']:.2f} | {cores['client_cores']:.2f} | "
            f"{cores['busy_cores']:.2f} | {per_answer:.1f} | "
            f"{sum(int(r['errors']) for r in rows)} | {'yes' if same else 'NO'} |"
        )


def import_benchmark(rows: int) -> None:
    import openpyxl

    categories = [
        "Utförarförvaltning",
        "Koncernkontoret",
        "Programmet",
        "Privat vårdgivare",
        "Kommun",
    ]
    with tempfile.TemporaryDirectory(prefix="lagesbild-bench-") as tmp:
        path = Path(tmp) / "enkat.xlsx"
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(["Tidsstämpel", "Var arbetar du?", "Vad fungerade dåligt?", "Roll"])
        for i in range(rows):
            sheet.append(
                [
                    f"2025-02-{1 + i % 28:02d} 08:{i % 60:02d}:00",
                    categories[i % len(categories)],
                    f"Svar {i}: inloggningen tog {i % 20} minuter och läkemedelslistan var fel. "
                    f"Ring mig på 070-{100 + i % 900} {10 + i % 90} {10 + i % 89}.",
                    "Sjuksköterska",
                ]
            )
        workbook.save(path)
        (Path(tmp) / "data").mkdir()
        env = environment(Path(tmp) / "data", None)
        subprocess.run([*LAGESBILD, "migrate", "-v0"], env=env, check=True, cwd=REPO)
        run(SETUP, env)
        started = time.monotonic()
        result = subprocess.run(
            [
                *LAGESBILD,
                "experiences-import",
                str(path),
                "--collection",
                "bench",
                "--text-column",
                "Vad fungerade dåligt?",
                "--category-column",
                "Var arbetar du?",
                "--date-column",
                "Tidsstämpel",
                "--attribute-column",
                "Roll",
                "--commit",
            ],
            env=env,
            cwd=REPO,
            check=True,
            capture_output=True,
            text=True,
        )
        elapsed = time.monotonic() - started
        print(
            f"import     {rows} rader XLSX (SQLite): {elapsed:.1f} s inklusive uppstart; "
            f"{result.stdout.strip().splitlines()[-1]}"
        )


def postgres_database(url: str) -> tuple[str, str] | None:
    """Create a throwaway database next to the one in `url`; None if PostgreSQL is unreachable."""
    import psycopg

    name = f"lagesbild_bench_{os.getpid()}"
    admin = url.replace("postgres://", "postgresql://", 1)
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL hoppas över: {exc}".splitlines()[0])
        return None
    base = url.rsplit("/", 1)[0]
    return f"{base}/{name}", name


def drop_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL URL whose server gets a temporary database",
    )
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument(
        "--processes",
        default="0,1,2",
        help="server configurations: 0 = `serve` (waitress), n = serve-production with n processes",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn process")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    configs = [int(x) for x in args.processes.split(",")]
    global THREADS
    THREADS = args.threads
    if not args.skip_sqlite:
        web_benchmark("SQLite", None, args.seconds, args.clients, configs, args.runs)
    if args.postgres.startswith("postgres"):
        created = postgres_database(args.postgres)
        if created:
            url, name = created
            try:
                web_benchmark("PostgreSQL", url, args.seconds, args.clients, configs, args.runs)
            finally:
                drop_database(args.postgres, name)
    if not args.skip_import:
        import_benchmark(args.rows)


if __name__ == "__main__":
    main()
