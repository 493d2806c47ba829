"""The migrations create exactly the schema in store/schema.py, on open, idempotently."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from procdesk.store.ledger import Ledger
from procdesk.store.migrate import (
    HEAD_REVISION,
    _alembic_config,
    current_revision,
    head_revision,
)
from procdesk.store.schema import is_ledger_table, metadata


async def test_open_applies_migrations_to_head(ledger: Ledger) -> None:
    async with ledger.read() as conn:
        assert await current_revision(conn) == head_revision()


def test_head_constant_is_alembics_head() -> None:
    """Opening compares against HEAD_REVISION: a new migration must move it."""
    assert head_revision() == HEAD_REVISION


LATER_TABLES = (
    "api_budget",
    "receipts",
    "order_shipments",
    "purchase_order_items",
    "purchase_orders",
    "distributor_vendors",
)


async def test_a_ledger_behind_head_is_upgraded_on_open(tmp_path: Path) -> None:
    first = await Ledger.open(tmp_path / "l.db")
    async with first.write() as conn:
        # back to 0002 through each migration's own downgrade
        await conn.run_sync(lambda c: command.downgrade(_alembic_config(c), "0002"))
        for table in LATER_TABLES:
            assert not await conn.run_sync(lambda c, t=table: sa.inspect(c).has_table(t))
    await first.close()
    second = await Ledger.open(tmp_path / "l.db")
    async with second.read() as conn:
        assert await current_revision(conn) == HEAD_REVISION
        for table in LATER_TABLES:
            assert await conn.run_sync(lambda c, t=table: sa.inspect(c).has_table(t))
    await second.close()


async def test_migrated_schema_matches_metadata(ledger: Ledger) -> None:
    def diff(sync_conn: sa.Connection) -> list[object]:
        ctx = MigrationContext.configure(
            sync_conn,
            opts={
                "compare_type": True,
                "include_name": lambda n, t, _p: (
                    t not in ("table", "index") or is_ledger_table(str(n))
                ),
            },
        )
        return compare_metadata(ctx, metadata)

    async with ledger.read() as conn:
        assert await conn.run_sync(diff) == []


async def test_reopening_is_a_noop(tmp_path: Path) -> None:
    first = await Ledger.open(tmp_path / "l.db")
    await first.close()
    second = await Ledger.open(tmp_path / "l.db")
    async with second.read() as conn:
        assert await current_revision(conn) == head_revision()
    await second.close()


async def test_sqlite_runs_in_wal_mode_with_busy_timeout(tmp_path: Path) -> None:
    ledger = await Ledger.open(tmp_path / "l.db")
    async with ledger.read() as conn:
        assert (await conn.exec_driver_sql("PRAGMA journal_mode")).scalar() == "wal"
        assert (await conn.exec_driver_sql("PRAGMA busy_timeout")).scalar() >= 5000
    await ledger.close()
