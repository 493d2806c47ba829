"""Dashboard views: counts, text search through the index, keyset paging in every order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from procdesk.domain.charge import Charge
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges, quote_lines, quotes
from procdesk.store.views import CHARGES, ViewQuery

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
COMPANIES = ("Northwind Traders", "Contoso Ltd", "Fabrikam Inc")
STATUSES = ("pending", "synced", "error", "cancelled")


async def _seed(ledger: Ledger, n: int) -> None:
    async with ledger.write() as conn:
        await conn.execute(
            quotes.insert().values(
                id="Q1",
                title="t",
                company_name="c",
                ship_to={},
                status="accepted",
                currency="USD",
                content_hash="h",
                imported_at=NOW,
                updated_at=NOW,
            )
        )
        await conn.execute(
            quote_lines.insert(),
            [
                {
                    "id": i,
                    "quote_id": "Q1",
                    "line_number": i,
                    "sku": f"SKU-{i}",
                    "description": "d",
                    "category": "Hardware",
                    "distributor": "ingram",
                    "quantity": Decimal(1),
                    "unit_cost": Decimal(1),
                    "unit_price": Decimal(1),
                }
                for i in range(1, n + 1)
            ],
        )
        rows = []
        for i in range(1, n + 1):
            company = COMPANIES[i % 3]
            sku = f"SKU-{i:04d}"
            rows.append(
                {
                    "id": i,
                    "quote_line_id": i,
                    "quote_id": "Q1",
                    "status": STATUSES[i % 4],
                    "marker": f"m{i}",
                    "is_billed": False,
                    "company_name": company,
                    "sku": sku,
                    "description": "Laptop" if i % 5 == 0 else "Dock",
                    "category": "Hardware",
                    "quantity": Decimal(1),
                    "unit_cost": Decimal(1),
                    "unit_price": Decimal(i % 7),
                    "billable_amount": Decimal(i % 7),
                    "attempts": 0,
                    "search_text": f"{i} q1 {company} {sku}".lower(),
                    "created_at": NOW,
                    "updated_at": NOW + timedelta(seconds=i % 11),
                }
            )
        await conn.execute(charges.insert(), rows)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (ViewQuery(), 120),
        (ViewQuery(statuses=("error",)), 30),
        (ViewQuery(statuses=("error", "synced")), 60),
        (ViewQuery(text="northwind"), 40),  # FTS trigram path
        (ViewQuery(text="NORTHWIND", statuses=("pending",)), 10),
        (ViewQuery(text="sku-001"), 10),  # SKU-0010 .. SKU-0019
        (ViewQuery(text="q1"), 120),  # short needle: LIKE path
        (ViewQuery(text="nothing-like-this"), 0),
        (ViewQuery(text='quote"s'), 0),  # FTS syntax characters are quoted, not parsed
    ],
    ids=lambda v: repr(v) if isinstance(v, ViewQuery) else str(v),
)
async def test_count_filters(ledger: Ledger, query: ViewQuery, expected: int) -> None:
    await _seed(ledger, 120)
    async with ledger.read() as conn:
        assert await CHARGES.count(conn, query) == expected


@pytest.mark.parametrize("sort", ["id", "updated_at", "company_name", "billable_amount"])
@pytest.mark.parametrize("descending", [False, True])
async def test_keyset_pages_cover_every_row_once_in_order(
    ledger: Ledger, sort: str, descending: bool
) -> None:
    await _seed(ledger, 120)
    query = ViewQuery(sort=sort, descending=descending, statuses=("pending", "error", "synced"))
    seen: list[Charge] = []
    after = None
    async with ledger.read() as conn:
        while page := await CHARGES.page_after(conn, query, after, 7):
            seen.extend(page)
            after = CHARGES.sort_key(page[-1], query)
        jumped = await CHARGES.page_at(conn, query, 50, 7)
    keys = [(getattr(r, sort), r.id) for r in seen]
    assert len(keys) == len(set(keys)) == 90
    assert keys == sorted(keys, reverse=descending)
    assert jumped == seen[50:57]


async def test_rows_by_id_and_status_counts(ledger: Ledger) -> None:
    await _seed(ledger, 12)
    async with ledger.read() as conn:
        rows = await CHARGES.rows_by_id(conn, [3, 5, 99])
        counts = await CHARGES.counts_by_status(conn)
    assert sorted(rows) == [3, 5]
    assert counts == {"pending": 3, "synced": 3, "error": 3, "cancelled": 3}


async def test_text_index_follows_updates(ledger: Ledger) -> None:
    await _seed(ledger, 12)
    async with ledger.write() as conn:
        await conn.execute(
            sa.update(charges).where(charges.c.id == 4).values(search_text="renamed wingtip toys")
        )
    async with ledger.read() as conn:
        assert await CHARGES.count(conn, ViewQuery(text="wingtip")) == 1
        assert await CHARGES.count(conn, ViewQuery(text="sku-0004")) == 0
