"""Run as a separate process by test_worker_kill: create a list of N people and publish a report.

`python -m lagesbild.distribution.tests.worker_scenario N` prints the report id.
"""

import os
import sys


def main(count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    import django

    django.setup()
    from lagesbild.distribution.services import report_publish_and_distribute
    from lagesbild.distribution.tests.helpers import (
        make_approved_report,
        make_distributed_series,
        make_list,
    )
    from lagesbild.testing import make_staff

    lst = make_list(
        make_staff(), recipients=[(f"Person {i}", f"p{i:03d}@region.example") for i in range(count)]
    )
    report = make_approved_report(make_distributed_series([lst]))
    report_publish_and_distribute(report=report, by_label="test")
    print(report.pk)


if __name__ == "__main__":
    main(int(sys.argv[1]))
