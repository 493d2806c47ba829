"""Synthetic history for demo and benchmark ledgers: many quotes, charges, orders, issues.

Deterministic for a seed. Rows reference the tickets and categories the caller passes (the
sandbox's demo data in `procdesk demo`), so the few pending charges really sync. Everything
else is history in every status (synced history is already billed, so workers leave it
alone), orders in every state at both distributors and an open issue of every kind, so each
pane has something to show.

The rows are generated inside the database by `demo_seed_sql` (a million charges in
seconds on SQLite); there, secondary indexes, text-index triggers and the text indexes are
built once, after loading. Only for a fresh ledger.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import EntityType, IssueKind, OrderStatus
from procdesk.domain.health import HEALTH_KINDS
from procdesk.domain.remediation import REMEDIES
from procdesk.store import events
from procdesk.store.bulk import (
    advance_id_sequences,
    analyze,
    fast_load_pragmas,
    insert_rows,
    rebuild_text_indexes,
    suspend_indexes,
    suspend_text_triggers,
)
from procdesk.store.seed_sql import TEMP_TABLES, SeedSql

COMPANIES = (
    "Northwind Traders",
    "Contoso Ltd",
    "Fabrikam Inc",
    "Tailspin Toys",
    "Wingtip Toys",
    "Adventure Works",
    "Litware Inc",
    "Proseware",
    "Woodgrove Bank",
    "Alpine Ski House",
    "Coho Winery",
    "Lucerne Publishing",
)


@dataclass(frozen=True)
class SeedItem:
    """A product the synthetic history is made of. `part_number` is the distributor's;
    `cost` (when given) is what the distributor charges now, so orders seeded in a live
    state are sent at the current price."""

    sku: str
    part_number: str
    description: str
    category: str
    cost: Decimal | None = None


ITEMS = tuple(
    SeedItem(sku, f"{sku}-P", description, category)
    for sku, description, category in (
        ("LAT-5440", "Dell Latitude 5440 laptop", "Hardware"),
        ("DOCK-WD19", "Dell WD19S USB-C dock", "Peripherals"),
        ("MS-365-BP", "Microsoft 365 Business Premium (annual)", "Licensing"),
        ("SW-CBS350", "Cisco CBS350 24-port switch", "Networking"),
        ("CAB-C6-3M", "Cat6 patch cable 3 m", "Cabling"),
        ("MON-P2723", 'Dell P2723D 27" monitor', "Peripherals"),
        ("AP-U6PRO", "Ubiquiti U6 Pro access point", "Networking"),
        ("SSD-1TB", "Samsung 990 Pro 1 TB SSD", "Hardware"),
    )
)
SAMPLE_MESSAGES = {
    IssueKind.INVALID_BILLING_CODE: "BillingCode does not exist or is invalid",
    IssueKind.CHARGE_VALIDATION: "The ticket is complete: Autotask takes no new charges on it.",
    IssueKind.INVALID_CUSTOMER_NUMBER: (
        "Invalid customer number. The customer number provided on the API call does not "
        "match the registered customer number."
    ),
    IssueKind.PRODUCT_UNAVAILABLE: "Part 9ZX412 is discontinued at Ingram Micro",
    IssueKind.STUCK_PROCESSING: "Distributor API timed out (ReadTimeout) — processing for 3h",
    IssueKind.CREDENTIALS_EXPIRED: "TD SYNNEX refresh token expired or already used (HTTP 401)",
}
ORDER_KINDS = (
    IssueKind.STUCK_PROCESSING,
    IssueKind.PRODUCT_UNAVAILABLE,
    IssueKind.PRICE_CHANGED,
    IssueKind.ORDER_REJECTED,
    IssueKind.DISTRIBUTOR_UNAVAILABLE,
)
CHARGE_KINDS = (
    IssueKind.INVALID_BILLING_CODE,
    IssueKind.CHARGE_VALIDATION,
    IssueKind.MISSING_BILLING_CODE,
)
ISSUE_COLUMNS = [
    "id",
    "kind",
    "subject_type",
    "subject_id",
    "dedupe_key",
    "status",
    "provider",
    "title",
    "message",
    "hint",
    "action",
    "detail",
    "occurrences",
    "first_seen",
    "last_seen",
    "search_text",
]
LOADED_TABLES = ["quotes", "quote_lines", "charges", "orders", "order_lines", "issues"]


@dataclass(frozen=True)
class SeedPlan:
    charges: int = 2_000
    orders: int | None = None  # default: charges / 5
    issues: int | None = None  # default: charges / 40, at least one of every kind
    pending_cap: int = 300  # pending charges really sync: keep the demo's queue short
    tickets: Sequence[tuple[int, str]] = ((1, "T20261120.0001"),)
    categories: Sequence[str] = ("Hardware", "Peripherals", "Licensing", "Networking", "Cabling")
    # Orders alternate Ingram Micro (even ids) and TD SYNNEX (odd ids) and take item
    # `id % len(items)`: with an even count, even items go to Ingram and odd ones to TD SYNNEX.
    items: Sequence[SeedItem] = ITEMS
    seed: int = 7
    currency: str = "USD"


@dataclass
class SeedCounts:
    quotes: int
    charges: int
    orders: int
    issues: int


def _message(kind: IssueKind) -> str:
    return SAMPLE_MESSAGES.get(kind, REMEDIES[kind].title)


async def _lookup_tables(conn: AsyncConnection, plan: SeedPlan) -> None:
    cats = plan.categories
    items = [
        (
            k,
            item.sku,
            item.part_number,
            item.description,
            item.category if item.category in cats else cats[k % len(cats)],
            None if item.cost is None else str(int(item.cost * 10_000)),
        )
        for k, item in enumerate(plan.items)
    ]
    kinds = [*CHARGE_KINDS, *ORDER_KINDS]
    tables: dict[str, tuple[str, list[tuple[Any, ...]]]] = {
        "demo_items": ("k, sku, part, description, category, cost4", items),
        "demo_companies": ("k, name", list(enumerate(COMPANIES))),
        "demo_tickets": (
            "k, ticket_id, ticket_number",
            [(k, tid, number) for k, (tid, number) in enumerate(plan.tickets)],
        ),
        "demo_order_states": ("k, status", [(k, s.value) for k, s in enumerate(OrderStatus)]),
        "demo_kinds": (
            "k, kind, title, message, hint, action",
            [
                (
                    k,
                    kind.value,
                    REMEDIES[kind].title,
                    _message(kind),
                    REMEDIES[kind].hint,
                    REMEDIES[kind].action.value,
                )
                for k, kind in enumerate(kinds)
            ],
        ),
    }
    for name, (columns, rows) in tables.items():
        names = [c.strip() for c in columns.split(",")]
        types = ", ".join(
            f"{c} {'INTEGER PRIMARY KEY' if c == 'k' else 'BIGINT' if c == 'ticket_id' else 'TEXT'}"
            for c in names
        )
        await conn.execute(sa.text(f"CREATE TEMP TABLE {name} ({types})"))
        marks = ", ".join(f":{c}" for c in names)
        await conn.execute(
            sa.text(f"INSERT INTO {name} ({columns}) VALUES ({marks})"),
            [dict(zip(names, row, strict=True)) for row in rows],
        )


async def _run(conn: AsyncConnection, statement: str, params: dict[str, Any]) -> None:
    """One statement with the named parameters it mentions (drivers refuse extra ones)."""
    used = {k: v for k, v in params.items() if re.search(f":{k}\\b", statement)}
    await conn.execute(sa.text(statement), used)


async def _first_issues(conn: AsyncConnection, now: datetime) -> tuple[int, int, int]:
    """One open issue of every kind that is about a record, each on its own subject.

    Kinds about a provider's health (credentials, customer number, an outage) are not
    seeded: they come only from what the providers answer, so the header, the issues
    pane and `auth status` stay true. Returns (issues written, error charges used,
    stuck orders used) so the bulk issues start on the next subjects.
    """
    errors = [r[0] for r in await conn.exec_driver_sql("SELECT id FROM demo_err ORDER BY rank")]
    stuck = [r[0] for r in await conn.exec_driver_sql("SELECT id FROM demo_stuck ORDER BY rank")]
    used = {"charge": 0, "order": 0}

    def next_subject(kind: str, pool: list[int]) -> str:
        n = used[kind]
        used[kind] += 1
        return str(pool[n % len(pool)] if pool else n + 1)

    rows: list[tuple[Any, ...]] = []
    for kind in IssueKind:
        if kind in HEALTH_KINDS:
            continue
        if kind is IssueKind.NOT_ORDERABLE:
            subject_type, subject_id = EntityType.QUOTE_LINE, "3"
        elif kind is IssueKind.INTERNAL_ERROR:
            subject_type, subject_id = EntityType.WORKER, "demo-worker"
        elif kind in ORDER_KINDS:
            subject_type, subject_id = EntityType.ORDER, next_subject("order", stuck)
        else:
            subject_type, subject_id = EntityType.CHARGE, next_subject("charge", errors)
        n = len(rows)
        remedy = REMEDIES[kind]
        message = _message(kind)
        seen = now - timedelta(minutes=n)
        rows.append(
            (
                n + 1,
                kind.value,
                subject_type.value,
                subject_id,
                f"{kind.value}|{subject_type.value}|{subject_id}",
                "open",
                None,
                remedy.title,
                message,
                remedy.hint,
                remedy.action.value,
                {},
                1 + n % 4,
                seen,
                seen,
                f"{kind.value} {subject_type.value} {subject_id} {message}".lower(),
            )
        )
    written = await insert_rows(conn, "issues", ISSUE_COLUMNS, rows)
    return written, used["charge"], used["order"]


async def seed(
    conn: AsyncConnection, plan: SeedPlan, *, now: datetime, actor: str = "demo"
) -> SeedCounts:
    """Fill an empty ledger according to `plan`, in the caller's transaction."""
    n_orders = plan.orders if plan.orders is not None else max(plan.charges // 5, 20)
    n_issues = plan.issues if plan.issues is not None else max(plan.charges // 40, len(IssueKind))
    n_quotes = max((plan.charges + 4) // 5, n_orders)
    n_lines = max(plan.charges, n_orders)
    pending_window = (plan.pending_cap * 100 + 14) // 15  # 15 % of rows may be pending
    params: dict[str, Any] = {
        "now_s": int(now.timestamp()),
        "count": max(n_quotes, n_lines, n_issues),
        "quotes": n_quotes,
        "lines": n_lines,
        "charges": plan.charges,
        "orders": n_orders,
        "pending_from": max(plan.charges - pending_window, 0),
        "salt": plan.seed,
        "currency": plan.currency,
    }
    statements = SeedSql(conn.dialect.name)
    await fast_load_pragmas(conn, on=True)
    restore = await suspend_text_triggers(conn)
    restore += await suspend_indexes(conn, LOADED_TABLES)
    await _lookup_tables(conn, plan)
    for statement in (
        *statements.NUMBERS,
        statements.quotes(),
        statements.quote_lines(),
        statements.charges(),
        statements.orders(),
        statements.order_lines(),
        *statements.SUBJECT_POOLS,
    ):
        await _run(conn, statement, params)
    first, errors_used, stuck_used = await _first_issues(conn, now)
    pools = {
        name: (await conn.execute(sa.text(f"SELECT count(*) FROM {name}"))).scalar_one()
        for name in ("demo_err", "demo_stuck")
    }
    bulk = {
        **params,
        "issues": max(n_issues - first, 0),
        "first_id": first + 1,
        "err_first": errors_used + 1,
        "stuck_first": stuck_used + 1,
        "err_pool": max(pools["demo_err"] - errors_used, 1),
        "stuck_pool": max(pools["demo_stuck"] - stuck_used, 1),
        "charge_kinds": len(CHARGE_KINDS),
        "order_kinds": len(ORDER_KINDS),
    }
    await _run(conn, statements.issues(), bulk)
    for table in TEMP_TABLES:
        await conn.execute(sa.text(f"DROP TABLE {table}"))
    for statement in restore:
        await conn.exec_driver_sql(statement)
    await rebuild_text_indexes(conn)
    await advance_id_sequences(conn, [t for t in LOADED_TABLES if t != "quotes"])
    await fast_load_pragmas(conn, on=False)
    await analyze(conn)
    n_issues = max(n_issues, first)
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.WORKER,
        entity_id="demo",
        action="seeded",
        detail={"charges": plan.charges, "orders": n_orders, "issues": n_issues},
        at=now,
    )
    return SeedCounts(quotes=n_quotes, charges=plan.charges, orders=n_orders, issues=n_issues)
