"""A ledger opened after the dashboard's first frame: only an up-to-date SQLite file is
opened later; it opens (schema check included) on its first use, once."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from procdesk.secrets import SecretStore
from procdesk.store import events
from procdesk.store.ledger import Ledger, LedgerError
from procdesk.store.migrate import HEAD_REVISION
from procdesk.wiring import open_ledger


@pytest.fixture
async def up_to_date(tmp_path: Path) -> Path:
    """A SQLite ledger file at this code's revision."""
    path = tmp_path / "ledger.db"
    await (await Ledger.open(str(path))).close()
    return path


def _sql(path: Path, statement: str, *args: str) -> tuple[object, ...] | None:
    """Run one statement on the file with the standard library, committed; its first row."""
    conn = sqlite3.connect(path)
    try:
        row: tuple[object, ...] | None = conn.execute(statement, args).fetchone()
        conn.commit()
        return row
    finally:
        conn.close()


def _set_revision(path: Path, revision: str) -> None:
    _sql(path, "UPDATE alembic_version SET version_num = ?", revision)


async def test_an_up_to_date_sqlite_ledger_opens_on_first_use(
    up_to_date: Path, secrets: SecretStore
) -> None:
    path = up_to_date
    ledger = await open_ledger(str(path), secrets, later=True)
    try:
        assert not ledger.is_open
        assert (ledger.sqlite_file, ledger.dialect, ledger.url) == (path, "sqlite", str(path))
        with pytest.raises(RuntimeError, match="not open yet"):
            ledger.engine  # noqa: B018
        # two first uses at once open it once
        first, second = ledger.read(), ledger.read()
        async with first as a, second as b:
            assert await events.last_seq(a) == await events.last_seq(b) == 0
        assert ledger.is_open
        assert ledger.sqlite_file == path
    finally:
        await ledger.close()


async def test_a_new_ledger_is_created_before_anything_shows(
    tmp_path: Path, secrets: SecretStore
) -> None:
    """Anything the first read cannot vouch for (here no file yet; an older revision, a
    missing table: tests/store/test_first_read.py) is opened in full right away."""
    path = tmp_path / "ledger.db"
    ledger = await open_ledger(str(path), secrets, later=True)
    try:
        assert ledger.is_open
    finally:
        await ledger.close()
    assert _sql(path, "SELECT version_num FROM alembic_version") == (HEAD_REVISION,)


async def test_a_ledger_that_changed_before_its_first_use_fails_as_an_open_would(
    up_to_date: Path, secrets: SecretStore
) -> None:
    path = up_to_date
    ledger = await open_ledger(str(path), secrets, later=True)
    _set_revision(path, "9999")  # a newer procdesk upgraded it meanwhile
    with pytest.raises(LedgerError, match="newer than this procdesk knows"):
        async with ledger.read():
            pass
    assert not ledger.is_open
    await ledger.close()


async def test_a_closed_ledger_that_never_opened_stays_closed(
    up_to_date: Path, secrets: SecretStore
) -> None:
    path = up_to_date
    ledger = await open_ledger(str(path), secrets, later=True)
    await ledger.close()
    with pytest.raises(LedgerError, match="is closed"):
        await asyncio.wait_for(ledger.ensure_open(), 30)
