"""Copies of a SQLite ledger: taken with SQLite's online backup API, checked, restored.

The backup API copies the database page by page inside one read transaction, so a copy
taken while workers write is a consistent snapshot (WAL mode lets the writers go on).
A restore copies the other way, into the live file, under SQLite's own locks, so the
WAL and SHM companions stay coherent. Both run in a thread: they are plain sqlite3 calls.

A copy is checked whole before it counts: SQLite's integrity check, then every table and
column a ledger at its schema revision has (`store.lifecycle.missing_from`). A backup whose
copy fails, or fails that check, is removed: nothing partial is left at its name.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from procdesk.store.files import COMPANION_SUFFIXES, PRIVATE_FILE_MODE, ensure_private_dir
from procdesk.store.schema import is_ledger_table

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUP_DIR_NAME = "backups"
BUSY_TIMEOUT_S = 15.0
DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


class BackupError(Exception):
    """A backup or restore could not be made; the message says what and why."""


class _Unusable(Exception):
    """Why a file is not a usable ledger copy, said without its path."""

    def __init__(self, verdict: str, detail: str = "", *, damaged: bool = True) -> None:
        super().__init__(f"{verdict}: {detail}" if detail else verdict)
        self.detail = detail or verdict
        self.damaged = damaged


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


def _is_damage(exc: sqlite3.Error) -> bool:
    """SQLite says the file is corrupt or not a database at all."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in DAMAGE_CODES


def _create_private(path: Path) -> None:
    ensure_private_dir(path.parent)
    try:
        path.touch(mode=PRIVATE_FILE_MODE, exist_ok=False)
    except FileExistsError:
        raise BackupError(f"{path} already exists; choose another file name") from None
    except OSError as exc:
        raise BackupError(f"cannot create {path}: {exc.strerror or exc}") from None


def _discard(path: Path) -> None:
    """Remove a copy that failed, with any journal SQLite left beside it."""
    for name in (path.name, *(path.name + suffix for suffix in COMPANION_SUFFIXES)):
        path.with_name(name).unlink(missing_ok=True)


def _copy(ledger_path: Path, target: Path) -> None:
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


def _damaged(ledger_path: Path, detail: str) -> str:
    return (
        f"ledger {ledger_path} is damaged ({detail}), so it was not backed up; run "
        "`procdesk doctor` to see what is wrong, and restore a backup with "
        "`procdesk ledger restore FILE`"
    )


def backup(ledger_path: Path, target: Path) -> LedgerCopy:
    """Copy the live ledger to `target` (a new file, mode 0600), then check the copy.
    A copy that fails or fails its check is removed; BackupError says why, and a copy that
    is damaged says the ledger is (the copy is its page-for-page snapshot)."""
    if not ledger_path.is_file():
        raise BackupError(f"no ledger at {ledger_path}")
    _create_private(target)
    try:
        _copy(ledger_path, target)
        return _inspect(target)
    except _Unusable as exc:
        _discard(target)
        if exc.damaged:
            raise BackupError(_damaged(ledger_path, exc.detail)) from None
        raise BackupError(
            f"cannot back up ledger {ledger_path}: its copy {exc} (it was removed)"
        ) from None
    except sqlite3.Error as exc:
        _discard(target)
        if _is_damage(exc):
            raise BackupError(_damaged(ledger_path, str(exc))) from None
        raise BackupError(f"cannot copy {ledger_path} to {target}: {exc}") from None
    except BaseException:
        _discard(target)
        raise


def inspect_copy(path: Path) -> LedgerCopy:
    """Check that `path` is an intact SQLite ledger with every table and column of its
    schema revision; BackupError says what is wrong."""
    try:
        return _inspect(path)
    except _Unusable as exc:
        raise BackupError(f"{path} {exc}") from None


def _inspect(path: Path) -> LedgerCopy:
    from procdesk.store.lifecycle import LAYOUT_SQL, layout_of, missing_from

    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror or exc}") from None
    if header != SQLITE_HEADER:
        raise _Unusable("is not a SQLite database")
    try:
        conn = _connect(path, readonly=True)
        try:
            problems = _integrity(conn, limit=5)
            if problems:
                raise _Unusable("is damaged", "; ".join(problems))
            names = {
                str(row[0])
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            revision = None
            if "alembic_version" in names:
                found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = str(found[0]) if found else None
            lacking = missing_from(revision, layout_of(conn.execute(LAYOUT_SQL)))
            if lacking:
                raise _Unusable("is damaged", lacking)
            charges = None
            if "charges" in names:
                charges = int(conn.execute("SELECT count(*) FROM charges").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if _is_damage(exc):
            raise _Unusable("is damaged", str(exc)) from None
        raise _Unusable("cannot be read as a ledger", str(exc), damaged=False) from None
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
