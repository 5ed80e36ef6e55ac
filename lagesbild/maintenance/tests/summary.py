"""What an installation holds, as plain data, so a restored one can be compared with the original.

Run as `python -m lagesbild.maintenance.tests.summary` against any installation (the
environment chooses it) to print the same summary as JSON.
"""

import hashlib
import json
import os
from typing import Any


def installation_summary() -> dict[str, Any]:
    from django.core.files.storage import default_storage

    from lagesbild.accounts.models import AuditEntry, User
    from lagesbild.experiences.models import Source
    from lagesbild.experiences.search import source_search
    from lagesbild.maintenance.services import _storage_files, migrations_pending
    from lagesbild.reports.models import Report, ReportSection
    from lagesbild.staff.models import Staff, StaffMember

    files = {}
    for name in _storage_files(default_storage):
        with default_storage.open(name, "rb") as handle:
            files[name] = hashlib.sha256(handle.read()).hexdigest()
    return {
        "users": sorted(User.objects.values_list("username", "password", "role", "email")),
        "staffs": sorted(Staff.objects.values_list("slug", "name")),
        "members": StaffMember.objects.count(),
        "reports": sorted(Report.objects.values_list("series__slug", "number", "title", "state")),
        "sections": sorted(ReportSection.objects.values_list("report__number", "heading", "body")),
        "sources": sorted(Source.objects.values_list("title", "text", "file")),
        "audit": AuditEntry.objects.count(),
        # The search index lives outside the models (SQLite FTS5): a restore must bring it.
        "found_by_search": sorted(
            source_search(Source.objects.all(), "journalen").values_list("title", flat=True)
        ),
        "files": files,
        "pending_migrations": migrations_pending(),
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    import django

    django.setup()
    print(json.dumps(installation_summary(), default=str))
