"""The records clock and the requests list: how long the same-day clock takes to compute.

    .venv/bin/python benchmarks/records.py [--open 30] [--repeat 15]

1. clock: mean microseconds for one working-hours age and one deadline, over requests
   received at random moments in 2025 and "now" up to three weeks later (weekends and
   holidays included);
2. list: median milliseconds to render /diarium/ with N open and N decided requests, on a
   temporary SQLite database in the app's own set-up (WAL).
Targets: the clock well under 1 ms per request; the list under 200 ms with 30 open requests
(a busy week), under 1 s with 300.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def clock_bench(samples: int) -> tuple[float, float]:
    from lagesbild.records import clock

    hours = clock.OfficeHours.parse("08:00-16:30")
    rng = random.Random(14)
    tz = ZoneInfo("Europe/Stockholm")
    start = datetime(2025, 1, 1, tzinfo=tz)
    pairs = []
    for _ in range(samples):
        received = start + timedelta(minutes=rng.randrange(365 * 24 * 60))
        pairs.append((received, received + timedelta(minutes=rng.randrange(21 * 24 * 60))))
    t0 = time.perf_counter()
    for received, now in pairs:
        clock.working_seconds(received, now, hours)
    age = (time.perf_counter() - t0) / samples * 1e6
    t0 = time.perf_counter()
    for received, _now in pairs:
        clock.deadline(received, hours)
    due = (time.perf_counter() - t0) / samples * 1e6
    return age, due


def list_bench(n_open: int, repeat: int) -> list[float]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from lagesbild.accounts.models import Role, User
    from lagesbild.records.models import Outcome
    from lagesbild.records.services import request_decide, request_register
    from lagesbild.staff.models import Staff

    call_command("migrate", verbosity=0)
    staff = Staff.objects.create(name="Stab", slug="stab")
    editor = User.objects.create_user("bench", role=Role.EDITOR, password="x")
    now = timezone.now()
    for i in range(n_open * 2):
        request = request_register(
            staff=staff,
            received_at=now - timedelta(hours=i),
            channel="email",
            description=f"Mejl om konsultkostnader nr {i}",
            by=editor,
        )
        if i % 2:
            request_decide(request=request, outcome=Outcome.RELEASED, by=editor)
    client = Client()
    client.force_login(editor)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get("/diarium/")
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--open", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        times = list_bench(args.open, args.repeat)
        print(
            f"list: {args.open} open + {args.open} decided, median {statistics.median(times):.0f} ms, "
            f"max {max(times):.0f} ms over {args.repeat} renders"
        )
        return
    age, due = clock_bench(20_000)
    print(f"clock: age {age:.1f} µs, deadline {due:.1f} µs per request (mean of 20000 random)")
    with tempfile.TemporaryDirectory(prefix="lagesbild-bench-") as data_dir:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["LAGESBILD_DATA_DIR"] = data_dir
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                "--open",
                str(args.open),
                "--repeat",
                str(args.repeat),
            ],
            env=env,
            check=True,
        )


if __name__ == "__main__":
    main()
