"""Copies of a SQLite ledger: taken with SQLite's online backup API, checked, restored.

The backup API copies the database page by page inside one read transaction, so a copy
taken while workers write is a consistent snapshot (WAL mode lets the writers go on).
A restore copies the other way, into the live file, under SQLite's own locks, so the
WAL and SHM companions stay coherent. Both run in a thread: they are plain sqlite3 calls.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from procdesk.store.files import PRIVATE_FILE_MODE, ensure_private_dir
from procdesk.store.schema import is_ledger_table

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUP_DIR_NAME = "backups"
BUSY_TIMEOUT_S = 15.0


class BackupError(Exception):
    """A backup or restore could not be made; the message says what and why."""


@dataclass(frozen=True)
class LedgerCopy:
    """A checked SQLite ledger file: its schema revision and how much it holds."""

    path: Path
    size_bytes: int
    revision: str | None
    tables: frozenset[str]
    charges: int | None  # None when it has no charges table


def default_backup_path(ledger_path: Path, now: datetime, *, before: str | None = None) -> Path:
    """`<ledger folder>/backups/<name>-<UTC time>[-before-<revision>].db`."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    suffix = f"-before-{before}" if before else ""
    return ledger_path.parent / BACKUP_DIR_NAME / f"{ledger_path.stem}-{stamp}{suffix}.db"


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    uri = f"file:{path}?mode={'ro' if readonly else 'rw'}"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    return conn


def _create_private(path: Path) -> None:
    ensure_private_dir(path.parent)
    try:
        path.touch(mode=PRIVATE_FILE_MODE, exist_ok=False)
    except FileExistsError:
        raise BackupError(f"{path} already exists; choose another file name") from None
    except OSError as exc:
        raise BackupError(f"cannot create {path}: {exc.strerror or exc}") from None


def backup(ledger_path: Path, target: Path) -> LedgerCopy:
    """Copy the live ledger to `target` (a new file, mode 0600), then check the copy."""
    if not ledger_path.is_file():
        raise BackupError(f"no ledger at {ledger_path}")
    _create_private(target)
    try:
        source = _connect(ledger_path, readonly=True)
        try:
            dest = sqlite3.connect(target)
            try:
                source.backup(dest)
                # A copy is one self-contained file: no WAL companions beside it.
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
        finally:
            source.close()
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise BackupError(f"cannot copy {ledger_path}: {exc}") from None
    return inspect_copy(target)


def inspect_copy(path: Path) -> LedgerCopy:
    """Check that `path` is an intact SQLite ledger; BackupError says what is wrong."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror or exc}") from None
    if header != SQLITE_HEADER:
        raise BackupError(f"{path} is not a SQLite database")
    try:
        conn = _connect(path, readonly=True)
        try:
            problems = _integrity(conn, limit=5)
            if problems:
                raise BackupError(f"{path} is damaged: {'; '.join(problems)}")
            names = {
                str(row[0])
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            revision = None
            if "alembic_version" in names:
                found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = str(found[0]) if found else None
            charges = None
            if "charges" in names:
                charges = int(conn.execute("SELECT count(*) FROM charges").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{path} cannot be read as a ledger: {exc}") from None
    tables = frozenset(n for n in names if is_ledger_table(n))
    return LedgerCopy(path, path.stat().st_size, revision, tables, charges)


def _integrity(conn: sqlite3.Connection, *, limit: int) -> list[str]:
    found = [str(row[0]) for row in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    if found == ["ok"]:
        return []
    lines = (line.strip() for text in found for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("***")]


def integrity_problems(path: Path, *, limit: int = 10) -> list[str]:
    """SQLite's own integrity check of the file (at most `limit` problems); [] when intact.
    A file SQLite cannot read at all is one problem saying so."""
    try:
        conn = _connect(path, readonly=True)
        try:
            return _integrity(conn, limit=limit)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return [str(exc)]


def restore(source: Path, ledger_path: Path) -> None:
    """Replace the ledger's content with `source`'s (already checked with inspect_copy)."""
    try:
        src = _connect(source, readonly=True)
        try:
            dest = _connect(ledger_path, readonly=False)
            try:
                src.backup(dest)
            finally:
                dest.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise BackupError(f"cannot restore {source} into {ledger_path}: {exc}") from None
