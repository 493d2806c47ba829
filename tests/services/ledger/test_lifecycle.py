"""Backups, restores and migrations of a SQLite ledger, against real files."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from procdesk.domain.enums import EntityType
from procdesk.services.ledger.lifecycle import (
    BadBackupFile,
    LedgerBusy,
    backup_ledger,
    migrate_ledger,
    restore_ledger,
)
from procdesk.store import events
from procdesk.store import workers as worker_store
from procdesk.store.ledger import Ledger, LedgerError
from procdesk.store.migrate import HEAD_REVISION, _alembic_config


def _count(path: Path, table: str = "events") -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def _write_events(
    ledger: Ledger, stop: asyncio.Event, written: list[int], progress: asyncio.Event
) -> None:
    n = 0
    while not stop.is_set():
        async with ledger.write() as conn:
            for _ in range(20):
                n += 1
                await events.append(
                    conn, actor="t", entity_type=EntityType.QUOTE, entity_id=n, action="x"
                )
        written.append(n)
        progress.set()
        await asyncio.sleep(0)


async def _until(progress: asyncio.Event, written: list[int], count: int) -> None:
    while len(written) < count:
        progress.clear()
        await progress.wait()


async def _make_behind(path: Path) -> None:
    """A ledger at revision 0002, behind this code: the later migrations' own downgrades."""
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0002")
    engine.dispose()


async def test_backup_while_a_worker_writes_then_restore_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    ledger = await Ledger.open(path)
    stop, progress, written = asyncio.Event(), asyncio.Event(), []
    writer = asyncio.create_task(_write_events(ledger, stop, written, progress))
    await _until(progress, written, 3)
    copy = await backup_ledger(str(path), tmp_path / "copy.db")
    await _until(progress, written, len(written) + 2)  # the writer goes on after the copy
    stop.set()
    await writer
    await ledger.close()

    assert copy.revision == HEAD_REVISION
    assert copy.charges == 0
    in_copy = _count(copy.path)
    assert in_copy % 20 == 0  # whole transactions only: a consistent snapshot
    assert 0 < in_copy < written[-1]
    assert _mode(copy.path) == 0o600
    assert not (tmp_path / "copy.db-wal").exists()

    done = await restore_ledger(str(path), copy.path)
    assert _count(path) == in_copy
    assert done.previous is not None
    assert _count(done.previous) == written[-1]
    assert _mode(done.previous) == 0o600
    reopened = await Ledger.open(path)  # usable again, as it was at the backup
    async with reopened.read() as conn:
        assert len(await events.since(conn, 0, limit=10_000)) == in_copy
    await reopened.close()


async def test_restore_refuses_while_a_worker_runs(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    ledger = await Ledger.open(path)
    async with ledger.write() as conn:
        await worker_store.register(
            conn,
            worker_id="elsewhere:1:a",
            host="elsewhere",
            pid=1,
            actor="ann",
            now=datetime.now(UTC),
        )
    await ledger.close()
    copy = await backup_ledger(str(path), tmp_path / "copy.db")
    before = _digest(path)
    with pytest.raises(LedgerBusy, match=r"worker elsewhere:1:a \(ann\)"):
        await restore_ledger(str(path), copy.path)
    assert _digest(path) == before


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()


def _foreign(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.write_text("not a db"), "is not a SQLite database"),
        (lambda p: p.write_bytes(p.read_bytes()[:9000]), "damaged|cannot be read"),
        (_newer, "newer than this procdesk knows"),
        (_foreign, "is not a procdesk ledger"),
        (lambda p: p.unlink(), "no such file"),
        (lambda p: (p.unlink(), p.mkdir()), "not a regular file"),  # (as /dev/null is)
    ],
    ids=["text", "truncated", "newer", "foreign database", "missing", "folder"],
)
async def test_restore_checks_the_file_first_and_leaves_the_ledger(
    tmp_path: Path, make: object, says: str
) -> None:
    path = tmp_path / "ledger.db"
    await (await Ledger.open(path)).close()
    bad = (await backup_ledger(str(path), tmp_path / "bad.db")).path
    make(bad)  # type: ignore[operator]
    before = _digest(path)
    with pytest.raises(BadBackupFile, match=says):
        await restore_ledger(str(path), bad)
    assert _digest(path) == before
    assert not (tmp_path / "backups").exists()  # nothing done, not even the safety copy


async def test_restore_replaces_a_damaged_ledger_and_keeps_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    await (await Ledger.open(path)).close()
    copy = await backup_ledger(str(path), tmp_path / "copy.db")
    path.write_text("scribbled over")
    done = await restore_ledger(str(path), copy.path)
    assert done.previous is not None
    assert done.previous.read_text() == "scribbled over"
    await (await Ledger.open(path)).close()


async def test_an_older_ledger_migrates_alone_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    await (await Ledger.open(path)).close()
    await _make_behind(path)
    ledger = await Ledger.open(path)
    await ledger.close()
    assert ledger.last_backup is not None
    assert ledger.last_backup.revision == "0002"
    assert ledger.last_backup.path.parent == tmp_path / "backups"
    assert f"before-{HEAD_REVISION}" in ledger.last_backup.path.name
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    conn.close()


async def test_an_older_ledger_in_use_waits_for_ledger_migrate(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    ledger = await Ledger.open(path)
    async with ledger.write() as conn:
        await worker_store.register(
            conn,
            worker_id="elsewhere:7:b",
            host="elsewhere",
            pid=7,
            actor="bo",
            now=datetime.now(UTC),
        )
    await ledger.close()
    await _make_behind(path)
    before = _digest(path)
    with pytest.raises(LedgerError, match=r"revision 0002.*worker elsewhere:7:b.*ledger migrate"):
        await Ledger.open(path)
    assert _digest(path) == before
    done = await migrate_ledger(str(path))  # asked: migrates whoever else is connected
    assert (done.before, done.after) == ("0002", HEAD_REVISION)
    assert done.backup is not None
    assert done.backup.revision == "0002"
    again = await migrate_ledger(str(path))
    assert again.before == again.after == HEAD_REVISION


async def test_new_ledger_files_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "data" / "ledger.db"
    ledger = await Ledger.open(path)
    async with ledger.write() as conn:
        await events.append(conn, actor="t", entity_type=EntityType.QUOTE, entity_id=1, action="x")
        assert path.with_name("ledger.db-wal").exists()
        assert _mode(path.parent) == 0o700
        for name in ("ledger.db", "ledger.db-wal", "ledger.db-shm"):
            assert _mode(path.with_name(name)) == 0o600, name
    await ledger.close()
