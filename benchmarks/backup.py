"""Backup and restore times for the demo installation, on SQLite and (optionally) PostgreSQL.

    .venv/bin/python benchmarks/backup.py [--runs 5] [--media-mb 0,50] [--postgres URL] [--portable]

Loads the demo scenario into a fresh installation (a temporary data directory, and with
--postgres a fresh database named after the URL's with `_bench` appended), optionally adds
uploaded files of the given total size, then times `lagesbild backup` and `lagesbild restore`
into another fresh installation. Each run is a real `lagesbild` process: "wall" includes
starting Python and Django; "work" is what the command itself reports. Prints medians.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parent.parent


def lagesbild(env: dict[str, str], *args: str) -> tuple[float, float, str]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "lagesbild.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    wall = time.monotonic() - started
    match = re.search(r"([\d.]+) s\)?\s*$", result.stdout.strip().splitlines()[0])
    return wall, float(match.group(1)) if match else wall, result.stdout


def fresh(base: Path, name: str, postgres: str | None) -> dict[str, str]:
    env = {**os.environ, "LAGESBILD_DATA_DIR": str(base / name)}
    env.pop("DATABASE_URL", None)
    if postgres:
        root, _, database = postgres.rpartition("/")
        target = f"{database}_bench_{name}"
        with psycopg.connect(f"{root}/postgres".replace("postgres://", "postgresql://", 1)) as c:
            c.autocommit = True
            c.execute(f'DROP DATABASE IF EXISTS "{target}"')
            c.execute(f'CREATE DATABASE "{target}"')
        env["DATABASE_URL"] = f"{root}/{target}"
    return env


def drop(env: dict[str, str], postgres: str | None) -> None:
    if postgres:
        root, _, _ = postgres.rpartition("/")
        target = env["DATABASE_URL"].rpartition("/")[2]
        with psycopg.connect(f"{root}/postgres".replace("postgres://", "postgresql://", 1)) as c:
            c.autocommit = True
            c.execute(f'DROP DATABASE IF EXISTS "{target}"')


def bench(postgres: str | None, media_mb: int, runs: int, portable: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="lagesbild-bench-") as tmp:
        base = Path(tmp)
        source = fresh(base, "source", postgres)
        subprocess.run(
            [sys.executable, "-m", "lagesbild.cli", "demo", "--no-serve"],
            env=source,
            check=True,
            capture_output=True,
            cwd=REPO,
        )
        media = base / "source" / "media" / "bench"
        media.mkdir(parents=True, exist_ok=True)
        for i in range(media_mb):
            (media / f"fil-{i}.bin").write_bytes(os.urandom(1024 * 1024))
        archive = base / "backup.tar.gz"
        backups, restores = [], []
        for run in range(runs):
            flags = ["--portable"] if portable else []
            backups.append(lagesbild(source, "backup", *flags, "-o", str(archive))[:2])
            target = fresh(base, f"restore{run}", postgres)
            try:
                restores.append(lagesbild(target, "restore", str(archive))[:2])
            finally:
                drop(target, postgres)
        drop(source, postgres)
        size = archive.stat().st_size / 1e6
    engine = ("PostgreSQL" if postgres else "SQLite") + (" (portable)" if portable else "")
    for verb, times in (("backup", backups), ("restore", restores)):
        wall = statistics.median(t[0] for t in times)
        work = statistics.median(t[1] for t in times)
        print(
            f"{engine:<21} demo + {media_mb:>3} MB files  {verb:<7} "
            f"median work {work:5.2f} s  wall {wall:5.2f} s  archive {size:6.1f} MB  (n={runs})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--media-mb", default="0,50")
    parser.add_argument("--postgres", help="e.g. postgres://postgres@127.0.0.1:5432/bench")
    parser.add_argument("--portable", action="store_true", help="time `backup --portable`")
    args = parser.parse_args()
    for mb in (int(x) for x in args.media_mb.split(",")):
        bench(None, mb, args.runs, args.portable)
        if args.postgres:
            bench(args.postgres, mb, args.runs, args.portable)


if __name__ == "__main__":
    main()
