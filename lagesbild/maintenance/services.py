"""Backups, restores and the migration state: one archive file holds a whole installation.

The archive is a tar.gz with `manifest.json` (format, application version, database
vendor, applied migrations, when it was made), the database in its engine's own format
(`database/lagesbild.sqlite3` from SQLite's online backup API, or
`database/lagesbild.pgdump` from `pg_dump --format=custom`) and every stored file under
`media/`. Native formats are exact (full-text tables and sequences included) and fast;
the price is that an archive restores only into the same kind of database.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage, default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from lagesbild.maintenance import portable

ARCHIVE_FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = {
    "sqlite": "database/lagesbild.sqlite3",
    "postgresql": "database/lagesbild.pgdump",
}
# Rows that a freshly migrated database already has; they do not make an installation "used".
BOOKKEEPING = {"contenttypes", "sessions"}
BOOKKEEPING_MODELS = {"auth.permission"}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message is Swedish and says why."""


@dataclass(frozen=True)
class RestoreResult:
    manifest: dict[str, Any]
    files: int
    pending_migrations: list[str]


def application_version() -> str:
    try:
        return version("lagesbild")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "okänd"


def migrations_pending(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Migrations in the code that the database has not applied, as `app.name`."""
    connection = connections[alias]
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return [f"{m.app_label}.{m.name}" for m, _ in executor.migration_plan(targets)]


def migrations_applied(alias: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    recorder = MigrationRecorder(connections[alias])
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(recorder.applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def _storage_files(storage: Storage, directory: str = "") -> list[str]:
    """Every file name in the storage, walking directories through the storage API."""
    try:
        dirs, files = storage.listdir(directory)
    except FileNotFoundError:
        return []
    names = [f"{directory}/{f}" if directory else f for f in files]
    for sub in dirs:
        names += _storage_files(storage, f"{directory}/{sub}" if directory else sub)
    return sorted(names)


def installation_is_empty(alias: str = DEFAULT_DB_ALIAS) -> bool:
    """No rows in any of the apps' tables (bookkeeping aside) and no stored files."""
    connection = connections[alias]
    existing = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model._meta.app_label in BOOKKEEPING or model._meta.label_lower in BOOKKEEPING_MODELS:
            continue
        if model._meta.db_table in existing and model._default_manager.using(alias).exists():
            return False
    return not _storage_files(default_storage)


def _vendor(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in DATABASE_MEMBER:
        raise BackupError(f"Databastypen {vendor} stöds inte av säkerhetskopieringen.")
    return vendor


def _pg_env(alias: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore; the password goes in the environment."""
    params = connections[alias].settings_dict
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    # TLS options from DATABASE_URL (?sslmode=verify-full&sslrootcert=…) reach libpq the same way.
    for option, value in (params.get("OPTIONS") or {}).items():
        if option in {"sslmode", "sslrootcert", "sslcert", "sslkey"}:
            env[f"PG{option.upper()}"] = str(value)
    args = ["--dbname", str(params["NAME"])]
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", str(params["USER"])]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} saknas. Installera PostgreSQL-klienten (Debian: postgresql-client) "
            "i samma huvudversion som servern."
        )
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} misslyckades: {result.stderr.strip()}")


def _dump_database(alias: str, vendor: str, target: Path) -> None:
    connection = connections[alias]
    if vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            # The online backup API copies a consistent snapshot while others keep writing.
            connection.connection.backup(destination)
        finally:
            destination.close()
    else:
        args, env = _pg_env(alias)
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)]
            + args,
            env,
        )


def backup_create(
    *, output: Path, portable_format: bool = False, alias: str = DEFAULT_DB_ALIAS
) -> dict[str, Any]:
    """Write the whole installation to one tar.gz file; returns its manifest."""
    vendor = _vendor(alias)
    member = portable.MEMBER if portable_format else DATABASE_MEMBER[vendor]
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".lagesbild-backup-") as work:
        dump = Path(work) / "database"
        if portable_format:
            portable.portable_dump(alias=alias, target=dump)
        else:
            _dump_database(alias, vendor, dump)
        # Files are copied after the database, so every file the database names is there
        # (a file uploaded meanwhile may come along unreferenced, which does no harm).
        partial = Path(work) / output.name
        names = _storage_files(default_storage)
        manifest: dict[str, Any] = {
            "format": ARCHIVE_FORMAT,
            "application": "lagesbild",
            "version": application_version(),
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": {"vendor": vendor, "member": member, "portable": portable_format},
            "migrations": migrations_applied(alias),
            "media": {"files": len(names)},
        }
        # Uploads are mostly PDF, DOCX and images, compressed already: level 6 saves time.
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(datetime.now(UTC).timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=member)
            for name in names:
                try:
                    handle = default_storage.open(name, "rb")
                except FileNotFoundError:
                    continue  # deleted while the backup ran
                with handle:
                    info = tarfile.TarInfo(f"media/{name}")
                    info.size = default_storage.size(name)
                    info.mtime = int(default_storage.get_modified_time(name).timestamp())
                    archive.addfile(info, handle)
        # Only a complete archive ever carries the name asked for, readable by its owner only.
        os.chmod(partial, 0o600)
        os.replace(partial, output)
    return manifest


def _read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        handle = archive.extractfile(MANIFEST)
    except KeyError:
        handle = None
    if handle is None:
        raise BackupError("Filen är ingen säkerhetskopia av Lägesbild (manifest.json saknas).")
    manifest: dict[str, Any] = json.load(handle)
    if manifest.get("application") != "lagesbild" or manifest.get("format") != ARCHIVE_FORMAT:
        raise BackupError("Filen är ingen säkerhetskopia av Lägesbild i ett format som stöds.")
    return manifest


def _check_restorable(manifest: dict[str, Any], vendor: str) -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    if manifest["database"].get("portable"):
        archived = {(app, name) for app, names in manifest["migrations"].items() for name in names}
        if archived != set(loader.graph.nodes):
            raise BackupError(
                "En flyttbar säkerhetskopia kan bara återställas med samma version av "
                f"Lägesbild som gjorde den ({manifest['version']})."
            )
        return
    if manifest["database"]["vendor"] != vendor:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise BackupError(
            f"Säkerhetskopian är gjord från {names[manifest['database']['vendor']]} men den här "
            f"installationen använder {names[vendor]}. Återställ den i samma slags databas, "
            "eller gör en flyttbar kopia med `lagesbild backup --portable`."
        )
    known = set(loader.disk_migrations)
    unknown = sorted(
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    )
    if unknown:
        raise BackupError(
            "Säkerhetskopian är gjord med en nyare version av Lägesbild (okända migreringar: "
            f"{', '.join(unknown[:5])}). Uppgradera först, återställ sedan."
        )


def _drop_tables(alias: str) -> None:
    """Empty the PostgreSQL schema of tables so the dump is restored onto nothing."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")


def _restore_database(alias: str, vendor: str, dump: Path) -> None:
    connection = connections[alias]
    if vendor == "sqlite":
        connection.close()
        source = sqlite3.connect(dump)
        destination = sqlite3.connect(str(connection.settings_dict["NAME"]))
        try:
            # Page by page into the live file: WAL readers see the old or the new database.
            source.backup(destination)
        finally:
            source.close()
            destination.close()
    else:
        _drop_tables(alias)
        connection.close()
        args, env = _pg_env(alias)
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
            ]
            + args
            + [str(dump)],
            env,
        )


def backup_restore(
    *, archive_path: Path, force: bool = False, alias: str = DEFAULT_DB_ALIAS
) -> RestoreResult:
    """Put an archive's database and files in place of this installation's.

    1. Read the manifest: same database engine, no migrations this code does not know.
    2. Refuse a non-empty installation unless `force`.
    3. Replace the database (SQLite backup API / pg_restore) and the stored files.
    """
    vendor = _vendor(alias)
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)  # a fresh data directory is fine
    if not archive_path.is_file():
        raise BackupError(f"Hittar ingen fil {archive_path}.")
    try:
        archive = tarfile.open(archive_path, "r:gz")
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"Kan inte läsa {archive_path} som tar.gz: {exc}") from exc
    with archive:
        manifest = _read_manifest(archive)
        _check_restorable(manifest, vendor)
        if not installation_is_empty(alias) and not force:
            raise BackupError(
                "Installationen innehåller redan data. Återställningen skriver över allt; "
                "ange --force om det är meningen (ta gärna en säkerhetskopia först)."
            )
        with tempfile.TemporaryDirectory(dir=settings.DATA_DIR, prefix=".restore-") as work:
            dump = Path(work) / "database"
            member = archive.extractfile(manifest["database"]["member"])
            if member is None:
                raise BackupError("Säkerhetskopian saknar databasen.")
            with member, dump.open("wb") as out:
                shutil.copyfileobj(member, out)
            if manifest["database"].get("portable"):
                portable.portable_load(alias=alias, dump=dump, replace=force)
            else:
                _restore_database(alias, vendor, dump)
        for name in _storage_files(default_storage):
            default_storage.delete(name)
        files = 0
        for info in archive.getmembers():
            if not (info.isfile() and info.name.startswith("media/")):
                continue
            name = info.name.removeprefix("media/")
            handle = archive.extractfile(info)
            if handle is None:
                continue
            with handle:
                saved = default_storage.save(name, File(handle, name=name))
            if saved != name:
                raise BackupError(f"Filen {name} kunde inte återställas under sitt eget namn.")
            files += 1
    return RestoreResult(
        manifest=manifest, files=files, pending_migrations=migrations_pending(alias)
    )
