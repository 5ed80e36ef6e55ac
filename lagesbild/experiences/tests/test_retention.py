"""Uploaded survey files never imported are deleted after the retention period."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from lagesbild.accounts.models import AuditEntry
from lagesbild.experiences.models import ImportBatch
from lagesbild.experiences.tests.helpers import make_collection


def _batch(collection, *, days_old: int, imported: bool = False) -> ImportBatch:
    batch = ImportBatch(
        collection=collection,
        file_name="svar.csv",
        uploaded_at=timezone.now() - timedelta(days=days_old),
        imported_at=timezone.now() if imported else None,
    )
    batch.file.save("svar.csv", ContentFile(b"Svar\nLangsam inloggning\n"), save=False)
    batch.save()
    return batch


def test_it_deletes_stale_uploads_and_their_files_and_keeps_the_rest(db: None, settings) -> None:
    settings.EXPERIENCES_IMPORT_RETENTION_DAYS = 7
    collection = make_collection()
    stale = _batch(collection, days_old=8)
    fresh = _batch(collection, days_old=2)
    imported = _batch(collection, days_old=30, imported=True)
    stale_path = Path(stale.file.path)
    out = io.StringIO()
    call_command("experiences_purge_imports", stdout=out)
    assert "1 oimporterade filer" in out.getvalue()
    assert set(ImportBatch.objects.values_list("pk", flat=True)) == {fresh.pk, imported.pk}
    assert not stale_path.exists()
    assert Path(fresh.file.path).exists()
    entry = AuditEntry.objects.get(action="experiences.import_purge")
    assert entry.object_id == str(stale.pk) and entry.actor_label == "system"
