"""Permission look-ups: the series list of one person among many staffs and memberships.

    .venv/bin/python benchmarks/permissions.py [--staffs 300] [--users 3000]

Compares, on a temporary SQLite database, the median time of
- `staffs_for` as one subquery inside the list's query (what views do), with
- the loop it replaced: ask `may()` once per staff and filter by the ids found;
and of `may_map` (every action for one staff, as each staff page does).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def median_ms(run, repeat: int = 30) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--staffs", type=int, default=300)
    parser.add_argument("--users", type=int, default=3000)
    args = parser.parse_args()
    os.environ["LAGESBILD_DATA_DIR"] = tempfile.mkdtemp()
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "lagesbild.settings"
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from lagesbild.accounts.models import User
    from lagesbild.accounts.permissions import may, may_map, staffs_for
    from lagesbild.reports.models import Series
    from lagesbild.staff.models import Staff, StaffMember

    staffs = Staff.objects.bulk_create(
        Staff(name=f"Stab {i}", slug=f"stab-{i}") for i in range(args.staffs)
    )
    Series.objects.bulk_create(
        Series(staff=s, title=f"Serie {s.slug}", slug=f"serie-{s.slug}") for s in staffs
    )
    users = User.objects.bulk_create(
        User(username=f"u{i}", password="!") for i in range(args.users)
    )
    StaffMember.objects.bulk_create(
        StaffMember(
            staff=staffs[(i * 7 + k * 13) % len(staffs)],
            user=u,
            name=u.username,
            access_role=("editor", "reader", "contributor")[k],
        )
        for i, u in enumerate(users)
        for k in range(3)
    )
    person = users[len(users) // 2]

    def subquery() -> None:
        list(Series.objects.filter(staff__in=staffs_for(person, "read_drafts")))

    def loop() -> None:
        ids = [s.pk for s in Staff.objects.all() if may(person, "read_drafts", s)]
        list(Series.objects.filter(staff__in=ids))

    assert {s.pk for s in Series.objects.filter(staff__in=staffs_for(person, "read_drafts"))} == {
        s.pk
        for s in Series.objects.filter(
            staff__in=[s.pk for s in Staff.objects.all() if may(person, "read_drafts", s)]
        )
    }
    fast, slow = median_ms(subquery), median_ms(loop, repeat=5)
    page = median_ms(lambda: may_map(person, staffs[0]))
    print(f"{args.staffs} staffs, {args.users} users, {3 * args.users} memberships")
    print(f"series list via staffs_for subquery: median {fast:.2f} ms")
    print(f"series list via may() per staff:     median {slow:.2f} ms  (ratio {slow / fast:.0f}x)")
    print(f"may_map for one staff page:          median {page:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
