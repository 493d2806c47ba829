"""The first frame's read with sqlite3 gives exactly what the dashboard's views give, and
never reads a ledger this code cannot use as it is."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from procdesk.store import events, first_read
from procdesk.store.first_read import FirstPage, read_first
from procdesk.store.ledger import Ledger
from procdesk.store.lifecycle import EXPECTED_TABLES
from procdesk.store.schema import metadata, order_shipments, purchase_orders, receipts
from procdesk.store.seed import SeedPlan, seed
from procdesk.store.types import Money4, UTCDateTime
from procdesk.store.views import VIEWS, ViewQuery

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


async def _seeded(path: Path) -> None:
    ledger = await Ledger.open(str(path))
    try:
        async with ledger.write() as conn:
            await seed(conn, SeedPlan(charges=400, orders=40, issues=30), now=NOW)
            # progress columns of the orders pane: a PO, shipments (one entered by hand,
            # which does not count as shipped) and a receipt
            await conn.execute(
                purchase_orders.insert().values(
                    id=2, state="created", po_number="PO-77", created_at=NOW, updated_at=NOW
                )
            )
            for manual, quantity in ((False, 2), (True, 5)):
                await conn.execute(
                    order_shipments.insert().values(
                        order_id=2,
                        line_number=1,
                        shipment_id=f"S-{quantity}",
                        manual=manual,
                        quantity=quantity,
                        updated_at=NOW,
                    )
                )
            await conn.execute(
                receipts.insert().values(
                    order_id=2, line_number=1, shipment_id="S-2", quantity=1, created_at=NOW
                )
            )
    finally:
        await ledger.close()


@pytest.fixture
async def seeded(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.db"
    await _seeded(path)
    return path


PAGES = [
    FirstPage("charges", "id", False, 60),
    FirstPage("charges", "updated_at", True, 60),
    FirstPage("charges", "billable_amount", False, 60),
    FirstPage("orders", "id", False, 60),
    FirstPage("orders", "total_value", True, 60),
    FirstPage("issues", "kind", False, 60),
    FirstPage("issues", "last_seen", True, 60),
]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.view}-{p.sort}-{p.descending}")
async def test_a_first_page_is_the_views_first_page(seeded: Path, page: FirstPage) -> None:
    got = await _read(seeded, [page])
    ledger = await Ledger.open(str(seeded))
    try:
        async with ledger.read() as conn:
            query = ViewQuery(sort=page.sort, descending=page.descending)
            expected = await VIEWS[page.view].page_after(conn, query, None, page.limit)
            last_seq = await events.last_seq(conn)
    finally:
        await ledger.close()
    assert got is not None
    assert got.pages[page.view] == expected
    assert len(expected) > 0
    assert got.last_seq == last_seq > 0


async def test_the_orders_progress_columns_match(seeded: Path) -> None:
    got = await _read(seeded, [FirstPage("orders", "id", False, 5)])
    assert got is not None
    order = next(o for o in got.pages["orders"] if o.id == 2)
    assert (order.po_number, order.units_shipped, order.units_received) == ("PO-77", 2, 1)


async def _read(path: Path, pages: list[FirstPage]) -> first_read.FirstRead | None:
    import asyncio

    return await asyncio.to_thread(read_first, path, pages)


def _alter(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE alembic_version SET version_num = '0001'",  # behind: the full open migrates
        "UPDATE alembic_version SET version_num = '9999'",  # ahead: the full open refuses
        "DELETE FROM alembic_version",  # no revision
        "DROP TABLE alembic_version",
        "DROP TABLE receipts",  # a table missing: damaged
    ],
)
async def test_a_ledger_not_at_this_codes_revision_is_not_read(seeded: Path, change: str) -> None:
    _alter(seeded, change)
    assert first_read.current_file(seeded) is False
    assert await _read(seeded, [FirstPage("charges", "id", False, 10)]) is None


async def test_a_missing_or_foreign_file_is_not_read(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    assert first_read.current_file(missing) is False
    assert read_first(missing, []) is None
    assert not missing.exists()  # read-only: never created
    foreign = tmp_path / "notes.txt"
    foreign.write_text("not a database")
    assert read_first(foreign, [FirstPage("charges", "id", False, 10)]) is None


async def test_an_unknown_sort_column_is_refused(seeded: Path) -> None:
    with pytest.raises(ValueError, match="cannot sort charges by 'nope'"):
        read_first(seeded, [FirstPage("charges", "nope", False, 10)])


def test_the_expected_tables_are_the_schemas() -> None:
    assert first_read.EXPECTED_TABLES == EXPECTED_TABLES


@pytest.mark.parametrize("view", sorted(first_read.VIEWS))
def test_every_column_the_driver_would_convert_is_decoded(view: str) -> None:
    """The decoders name exactly the columns whose stored form differs from the record's:
    money in ten-thousandths, naive UTC times, JSON text, 0/1 booleans."""
    table = metadata.tables[view]
    converted = {
        c.name for c in table.c if isinstance(c.type, Money4 | UTCDateTime | sa.JSON | sa.Boolean)
    }
    if view == "orders":
        converted.add("units_ordered")  # a sum of order_lines.quantity (Money4)
    assert set(first_read.VIEWS[view].decoders) == converted
