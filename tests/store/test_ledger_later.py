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


async def _new_ledger(path: Path) -> None:
    ledger = await Ledger.open(str(path))
    await ledger.close()


def _set_revision(path: Path, revision: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        conn.commit()
    finally:
        conn.close()


async def test_an_up_to_date_sqlite_ledger_opens_on_first_use(
    tmp_path: Path, secrets: SecretStore
) -> None:
    path = tmp_path / "ledger.db"
    await _new_ledger(path)
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
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )
    finally:
        conn.close()


async def test_a_ledger_that_changed_before_its_first_use_fails_as_an_open_would(
    tmp_path: Path, secrets: SecretStore
) -> None:
    path = tmp_path / "ledger.db"
    await _new_ledger(path)
    ledger = await open_ledger(str(path), secrets, later=True)
    _set_revision(path, "9999")  # a newer procdesk upgraded it meanwhile
    with pytest.raises(LedgerError, match="newer than this procdesk knows"):
        async with ledger.read():
            pass
    assert not ledger.is_open
    await ledger.close()


async def test_a_closed_ledger_that_never_opened_stays_closed(
    tmp_path: Path, secrets: SecretStore
) -> None:
    path = tmp_path / "ledger.db"
    await _new_ledger(path)
    ledger = await open_ledger(str(path), secrets, later=True)
    await ledger.close()
    with pytest.raises(LedgerError, match="is closed"):
        await asyncio.wait_for(ledger.ensure_open(), 30)
