"""`procdesk ledger backup | restore | migrate`, on the ledger's path or URL.

These work on the ledger's location rather than an open `Ledger`: a restore is most needed
when the ledger no longer opens. A SQLite ledger is copied with SQLite's online backup API
(consistent while workers write); PostgreSQL has its own tools, so procdesk prints the
pg_dump / pg_restore command instead of pretending to do it.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from procdesk.domain.clock import Clock, utc_now
from procdesk.store import backup as backups
from procdesk.store.backup import BackupError, LedgerCopy
from procdesk.store.files import COMPANION_SUFFIXES, PRIVATE_FILE_MODE
from procdesk.store.ledger import Ledger, LedgerError, masked, sqlite_path, to_async_url
from procdesk.store.lifecycle import SchemaState, others_using, read_schema, schema_state
from procdesk.store.migrate import HEAD_REVISION
from procdesk.store.unconfirmed import Unconfirmed, mark_unconfirmed

RESTORE_ACTOR = "ledger restore"


class NotSqlite(Exception):
    """The ledger is on PostgreSQL: the message holds the command to use instead."""


class BadBackupFile(Exception):
    """The file given to restore is not a usable ledger copy (bad input: exit 2)."""


class LedgerBusy(Exception):
    """Other procdesk processes use the ledger; the message names them."""


@dataclass(frozen=True)
class Restored:
    source: LedgerCopy
    previous: Path | None  # where the replaced ledger was saved; None if there was none
    needs_migration: bool
    unconfirmed: Unconfirmed | None  # None until the restored ledger is migrated


@dataclass(frozen=True)
class Migrated:
    before: str | None
    after: str
    backup: LedgerCopy | None


def _sqlite_file(target: str, verb: str) -> Path:
    path = sqlite_path(to_async_url(target))
    if path is None:
        url = masked(target)
        command = (
            f'pg_dump --format=custom --file=procdesk-ledger.dump "{url}"'
            if verb == "back up"
            else f'pg_restore --clean --if-exists --dbname="{url}" procdesk-ledger.dump'
        )
        raise NotSqlite(
            f"the ledger {url} is PostgreSQL: use the server's own tools to {verb} it, e.g. "
            f"`{command}`"
        )
    return path


async def backup_ledger(target: str, file: Path | None, *, clock: Clock = utc_now) -> LedgerCopy:
    """Copy the SQLite ledger to `file` (default: the `backups` folder beside it)."""
    path = _sqlite_file(target, "back up")
    if not path.is_file():
        raise BackupError(f"there is no ledger at {path} yet")
    destination = file or backups.default_backup_path(path, clock())
    return await asyncio.to_thread(backups.backup, path, destination)


def check_backup_file(file: Path) -> LedgerCopy:
    """The file, checked as a ledger this procdesk can restore; BadBackupFile says why not."""
    if not file.is_file():
        what = "not a regular file" if file.exists() else "no such file"  # (a folder, a device)
        raise BadBackupFile(f"{file}: {what}; expected a backup made by `procdesk ledger backup`")
    try:
        copy = backups.inspect_copy(file)
    except BackupError as exc:
        raise BadBackupFile(str(exc)) from None
    state = schema_state(copy.revision, set(copy.tables))
    if state is SchemaState.AHEAD:
        raise BadBackupFile(
            f"{file} is at schema revision {copy.revision}, newer than this procdesk knows "
            f"({HEAD_REVISION}): restore it with the newer procdesk that made it"
        )
    if state in (SchemaState.UNKNOWN, SchemaState.FRESH):
        raise BadBackupFile(f"{file} is not a procdesk ledger (no known schema revision)")
    return copy


def _checked_source(file: Path, ledger_path: Path) -> LedgerCopy:
    if file.resolve() == ledger_path.resolve():
        raise BadBackupFile(f"{file} is the ledger itself")
    return check_backup_file(file)


async def users_of(target: str, password: str | None) -> list[str]:
    """Other procdesk processes using the ledger now ([] when it does not even open)."""
    try:
        ledger = await Ledger.open(target, migrate="never", password=password)
    except LedgerError:
        return []
    try:
        async with ledger.read() as conn:
            return await others_using(conn)
    except LedgerError:
        return []
    finally:
        await ledger.close()


def _save_previous(path: Path, now_path: Path) -> Path | None:
    """Keep the ledger about to be replaced: a checked copy if it is intact, else its bytes."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        return backups.backup(path, now_path).path
    except BackupError:
        now_path.unlink(missing_ok=True)
        damaged = now_path.with_name(now_path.stem + "-damaged.db")
        shutil.copyfile(path, damaged)
        os.chmod(damaged, PRIVATE_FILE_MODE)
        return damaged


def _replace(source: Path, path: Path) -> None:
    """Put `source`'s content in place of the ledger file: through SQLite's backup API into
    an intact ledger; a damaged file (which SQLite cannot open) is replaced whole."""
    if not backups.integrity_problems(path, limit=1):
        backups.restore(source, path)
        return
    fresh = path.with_name(path.name + ".restoring")
    fresh.unlink(missing_ok=True)
    backups.backup(source, fresh)
    for suffix in COMPANION_SUFFIXES:
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(fresh, path)


async def restore_ledger(
    target: str, file: Path, *, password: str | None = None, clock: Clock = utc_now
) -> Restored:
    """Replace the SQLite ledger with `file` once it is checked and nobody uses the ledger;
    the replaced ledger is kept in the backups folder first."""
    path = _sqlite_file(target, "restore")
    copy = await asyncio.to_thread(_checked_source, file, path)
    busy = await users_of(target, password)
    if busy:
        raise LedgerBusy(
            f"other procdesk processes use the ledger ({'; '.join(busy)}): stop them, then restore"
        )
    keep = backups.default_backup_path(path, clock(), before="restore")
    previous = await asyncio.to_thread(_save_previous, path, keep)
    await asyncio.to_thread(_replace, file, path)
    needs_migration = copy.revision != HEAD_REVISION
    unconfirmed = (
        None if needs_migration else await mark_restored(target, password=password, clock=clock)
    )
    return Restored(copy, previous, needs_migration, unconfirmed)


async def mark_restored(
    target: str, *, password: str | None = None, clock: Clock = utc_now
) -> Unconfirmed:
    """On a ledger just restored from a backup (by `restore`, or pg_restore for PostgreSQL):
    mark what may have been sent since, so workers look it up before creating anything."""
    ledger = await Ledger.open(target, migrate="never", password=password)
    try:
        async with ledger.write() as conn:
            return await mark_unconfirmed(conn, actor=RESTORE_ACTOR, now=clock())
    finally:
        await ledger.close()


async def migrate_ledger(target: str, *, password: str | None = None) -> Migrated:
    """Bring the ledger's schema to this procdesk's revision (SQLite: after a backup)."""
    ledger = await Ledger.open(target, migrate="never", password=password)
    try:
        async with ledger.read() as conn:
            before = (await read_schema(conn)).revision
    finally:
        await ledger.close()
    ledger = await Ledger.open(target, migrate="now", password=password)
    await ledger.close()
    return Migrated(before, HEAD_REVISION, ledger.last_backup)
