"""A SQLite ledger whose folder goes away (a share unmounted) is an outage, not a bug, and
no pooled connection goes on writing to a file that is no longer at the ledger's path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from procdesk.store.ledger import Ledger
from procdesk.store.outage import is_ledger_outage
from procdesk.store.schema import charges

COUNT = sa.select(sa.func.count()).select_from(charges)


async def count(ledger: Ledger) -> int:
    async with ledger.read() as conn:
        return int((await conn.execute(COUNT)).scalar_one())


@pytest.mark.parametrize("mode", ["read", "write"])
async def test_a_vanished_folder_is_an_outage_and_the_ledger_comes_back(
    tmp_path: Path, mode: str
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    ledger = await Ledger.open(share / "ledger.db")
    try:
        assert await count(ledger) == 0  # a pooled connection exists now
        os.rename(share, tmp_path / "gone")
        with pytest.raises(Exception) as caught:
            async with getattr(ledger, mode)() as conn:
                await conn.execute(COUNT)
        assert is_ledger_outage(caught.value)
        os.rename(tmp_path / "gone", share)
        assert await count(ledger) == 0
    finally:
        await ledger.close()


async def test_a_path_remounted_onto_another_ledger_is_read_afresh(tmp_path: Path) -> None:
    """The share comes back holding another file: pooled connections to the old one are
    dropped, never used to write into a file that is no longer at the ledger's path."""
    share, elsewhere = tmp_path / "share", tmp_path / "elsewhere"
    share.mkdir()
    elsewhere.mkdir()
    ledger = await Ledger.open(share / "ledger.db")
    other = await Ledger.open(elsewhere / "ledger.db")
    try:
        async with other.write() as conn:
            await conn.execute(sa.text("CREATE TABLE marker_only_here (x INTEGER)"))
        await other.close()
        assert await count(ledger) == 0  # a pooled connection to the first file exists now
        os.rename(share, tmp_path / "share-before")
        os.rename(elsewhere, share)
        async with ledger.read() as conn:
            names = (await conn.execute(sa.text("SELECT name FROM sqlite_master"))).scalars()
            assert "marker_only_here" in set(names)
    finally:
        await ledger.close()
