"""`lagesbild backup` and `lagesbild restore`: a whole installation into one file and back."""

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from lagesbild.experiences.models import Source
from lagesbild.experiences.tests.helpers import make_collection, make_source
from lagesbild.maintenance.services import BackupError, backup_create, backup_restore
from lagesbild.maintenance.tests.summary import installation_summary
from lagesbild.reports.models import ReportState
from lagesbild.testing import make_report, make_series, make_staff

pytestmark = pytest.mark.django_db(transaction=True)

PDF_BYTES = b"%PDF-1.4\n" + bytes(range(256)) * 40


def fill(cast) -> None:
    staff = make_staff(slug="samordning-vis", name="Samordningsstab VIS")
    series = make_series(staff, slug="regional-rapport", title="Regional rapport")
    make_report(series, title="Regional rapport nr 1", state=ReportState.PUBLISHED)
    make_report(series, sections=[("Kommunikativ lägesbild", "Pressen frågar om **pausen**.")])
    collection = make_collection(staff)
    make_source(collection, title="Dialogmöte Sunderby", text="Journalen var långsam i natt.")
    letter = make_source(collection, title="Skrivelse från vårdförbundet", text="Vi vill ha svar.")
    letter.file.save("skrivelse.pdf", ContentFile(PDF_BYTES))
    Source.objects.filter(pk=letter.pk).update(file=letter.file.name)


def fresh_installation(tmp_path: Path, name: str) -> dict[str, str]:
    """The environment of a new, empty installation of the same database kind as this run."""
    env = {**os.environ, "LAGESBILD_DATA_DIR": str(tmp_path / name)}
    env.pop("DATABASE_URL", None)
    if connection.vendor == "postgresql":
        params = connection.settings_dict
        database = f"{params['NAME']}_{name}"
        admin = psycopg.connect(
            host=params["HOST"] or None,
            port=params["PORT"] or None,
            user=params["USER"] or None,
            password=params["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        )
        with admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
            admin.execute(f'CREATE DATABASE "{database}"')
        user = params["USER"] or ""
        password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
        env["DATABASE_URL"] = (
            f"postgres://{user}{password}@{params['HOST'] or '127.0.0.1'}:"
            f"{params['PORT'] or 5432}/{database}"
        )
    return env


def drop_fresh(env: dict[str, str]) -> None:
    if "DATABASE_URL" in env:
        params = connection.settings_dict
        admin = psycopg.connect(
            host=params["HOST"] or None,
            port=params["PORT"] or None,
            user=params["USER"] or None,
            password=params["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        )
        with admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{env["DATABASE_URL"].rsplit("/", 1)[1]}"')


def lagesbild(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lagesbild.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def summary_of(env: dict[str, str]) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "lagesbild.maintenance.tests.summary"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout)


def test_a_backup_restores_into_an_empty_installation_with_everything(cast, tmp_path) -> None:
    fill(cast)
    archive = tmp_path / "lagesbild.tar.gz"
    call_command("backup", "-o", str(archive))
    original = json.loads(json.dumps(installation_summary(), default=str))
    assert len(original["users"]) == len(cast) and len(original["reports"]) == 2
    assert list(original["files"]) == [s[2] for s in original["sources"] if s[2]]

    env = fresh_installation(tmp_path, "restored")
    try:
        restored = lagesbild(env, "restore", str(archive))
        assert restored.returncode == 0, restored.stderr
        assert "Återställd" in restored.stdout
        assert summary_of(env) == original

        again = lagesbild(env, "restore", str(archive))
        assert again.returncode != 0
        assert "Installationen innehåller redan data" in again.stderr
        forced = lagesbild(env, "restore", "--force", str(archive))
        assert forced.returncode == 0, forced.stderr
        assert summary_of(env) == original
    finally:
        drop_fresh(env)


def test_a_portable_backup_moves_an_installation_between_kinds_of_database(cast, tmp_path) -> None:
    fill(cast)
    archive = tmp_path / "flyttbar.tar.gz"
    call_command("backup", "--portable", "-o", str(archive))
    original = json.loads(json.dumps(installation_summary(), default=str))
    assert original["found_by_search"] == ["Dialogmöte Sunderby"]

    # Into SQLite: from PostgreSQL in the PostgreSQL suite, from SQLite in the SQLite suite.
    lite = {**os.environ, "LAGESBILD_DATA_DIR": str(tmp_path / "lite")}
    lite.pop("DATABASE_URL", None)
    restored = lagesbild(lite, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert summary_of(lite) == original
    if connection.vendor != "postgresql":
        return
    # And the way a trial becomes production: from that SQLite installation into PostgreSQL.
    moved = tmp_path / "till-postgresql.tar.gz"
    assert lagesbild(lite, "backup", "--portable", "-o", str(moved)).returncode == 0
    env = fresh_installation(tmp_path, "moved")
    try:
        result = lagesbild(env, "restore", str(moved))
        assert result.returncode == 0, result.stderr
        assert summary_of(env) == original
    finally:
        drop_fresh(env)


def test_a_portable_backup_needs_the_same_version(db, tmp_path) -> None:
    archive = tmp_path / "b.tar.gz"
    backup_create(output=archive, portable_format=True)
    changed = _rewrite_manifest(archive, lambda m: m["migrations"]["reports"].pop())

    with pytest.raises(BackupError, match="samma version"):
        backup_restore(archive_path=changed)


def test_the_archive_is_one_private_file_with_a_manifest(cast, tmp_path) -> None:
    fill(cast)
    archive = tmp_path / "b.tar.gz"
    manifest = backup_create(output=archive)

    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        stored = json.load(tar.extractfile("manifest.json"))
    assert stored == manifest
    assert manifest["application"] == "lagesbild" and manifest["format"] == 1
    assert manifest["version"] and manifest["created_at"].endswith("+00:00")
    assert manifest["database"]["vendor"] == connection.vendor
    assert "0001_initial" in manifest["migrations"]["accounts"]
    assert manifest["database"]["member"] in names
    assert any(n.startswith("media/experiences/sources/") for n in names)


def test_restore_refuses_an_installation_with_data_and_changes_nothing(cast, tmp_path) -> None:
    fill(cast)
    archive = tmp_path / "b.tar.gz"
    backup_create(output=archive)
    make_staff(slug="ny-stab")
    before = installation_summary()

    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive))

    assert installation_summary() == before


def _rewrite_manifest(archive: Path, change) -> Path:
    out = archive.with_name("changed.tar.gz")
    with tarfile.open(archive) as src, tarfile.open(out, "w:gz") as dst:
        for info in src.getmembers():
            data = src.extractfile(info).read()
            if info.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                info.size = len(data)
            dst.addfile(info, io.BytesIO(data))
    return out


def test_restore_refuses_an_archive_from_another_kind_of_database(db, tmp_path) -> None:
    archive = tmp_path / "b.tar.gz"
    backup_create(output=archive)
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    changed = _rewrite_manifest(archive, lambda m: m["database"].update(vendor=other))

    with pytest.raises(BackupError, match="samma slags databas"):
        backup_restore(archive_path=changed)


def test_restore_refuses_an_archive_from_a_newer_version(db, tmp_path) -> None:
    archive = tmp_path / "b.tar.gz"
    backup_create(output=archive)
    changed = _rewrite_manifest(
        archive, lambda m: m["migrations"]["reports"].append("0099_from_the_future")
    )

    with pytest.raises(BackupError, match="nyare version"):
        backup_restore(archive_path=changed)


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path) -> None:
    plain = tmp_path / "bilder.tar.gz"
    with tarfile.open(plain, "w:gz") as tar:
        tar.addfile(tarfile.TarInfo("bild.png"), io.BytesIO(b""))
    with pytest.raises(BackupError, match="ingen säkerhetskopia"):
        backup_restore(archive_path=plain)
    (tmp_path / "text.tar.gz").write_text("hej")
    with pytest.raises(BackupError, match="Kan inte läsa"):
        backup_restore(archive_path=tmp_path / "text.tar.gz")
