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
from procdesk.store.batch_insert import TableRows
from procdesk.store.bulk import (
    advance_id_sequences,
    analyze,
    fast_load_pragmas,
    rebuild_text_indexes,
    suspend_indexes,
    suspend_text_triggers,
)
from procdesk.store.schema import issues
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
    IssueKind.PRODUCT_UNAVAILABLE: "The distributor has backordered a part of this order",
    IssueKind.STUCK_PROCESSING: "Distributor API timed out (ReadTimeout) — processing for 3h",
    IssueKind.CREDENTIALS_EXPIRED: "TD SYNNEX refresh token expired or already used (HTTP 401)",
}
# An order's issue in the synthetic history follows from its state.
ORDER_KIND_STATUS: dict[IssueKind, str] = {
    IssueKind.STUCK_PROCESSING: OrderStatus.PROCESSING.value,
    IssueKind.ORDER_REJECTED: OrderStatus.ERROR.value,
    IssueKind.PRODUCT_UNAVAILABLE: OrderStatus.BACKORDERED.value,
    IssueKind.PRICE_CHANGED: OrderStatus.ON_HOLD.value,
}
ORDER_KINDS = tuple(ORDER_KIND_STATUS)
CHARGE_KINDS = (IssueKind.INVALID_BILLING_CODE, IssueKind.CHARGE_VALIDATION)
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


# What record each kind of seeded issue is about: charges in error carry their own error's
# kind (the bulk issues too), and the rest sit on records in the state they describe.
_ON_SYNCED_CHARGE = (
    IssueKind.CHARGE_BILLED,
    IssueKind.WRONG_BILLING_CODE,
    IssueKind.VENDOR_NOT_MAPPED,
    IssueKind.NO_INVENTORY_LOCATION,
    IssueKind.PO_REFUSED,
    IssueKind.CHARGE_NOT_ORDERABLE,
    IssueKind.RECEIVING_REFUSED,
    IssueKind.BAD_SERIAL_NUMBER,
)
SUBJECT_QUERIES: dict[IssueKind, tuple[EntityType, str]] = {
    IssueKind.INVALID_BILLING_CODE: (
        EntityType.CHARGE,
        "SELECT id, 'autotask', last_error FROM charges WHERE status = 'error' "
        "AND error_kind = 'invalid_billing_code' ORDER BY id",
    ),
    IssueKind.CHARGE_VALIDATION: (
        EntityType.CHARGE,
        "SELECT id, 'autotask', last_error FROM charges WHERE status = 'error' "
        "AND error_kind = 'charge_validation' ORDER BY id",
    ),
    IssueKind.CHARGE_CANCELLED: (
        EntityType.CHARGE,
        "SELECT id, 'autotask', NULL FROM charges WHERE status = 'cancelled' ORDER BY id",
    ),
    **{
        kind: (
            EntityType.CHARGE,
            "SELECT id, 'autotask', NULL FROM charges WHERE status = 'synced' ORDER BY id",
        )
        for kind in _ON_SYNCED_CHARGE
    },
    **{
        kind: (
            EntityType.ORDER,
            f"SELECT id, distributor, NULL FROM orders WHERE status = '{status}' ORDER BY id",
        )
        for kind, status in ORDER_KIND_STATUS.items()
    },
    IssueKind.NOT_ORDERABLE: (
        EntityType.QUOTE_LINE,
        "SELECT id, NULL, NULL FROM quote_lines WHERE distributor = 'other' ORDER BY id",
    ),
}


async def _first_issues(conn: AsyncConnection, now: datetime) -> int:
    """One open issue of every kind that is about a record, each on its own record in the
    state the kind describes (a kind with no such record is left out), carrying the
    record's provider.

    Kinds about a provider's health (credentials, customer number, an outage) are not
    seeded: they come only from what the providers answer, so the header, the issues
    pane and `auth status` stay true. Neither is a missing billing code: the caller's
    categories are mapped. The subjects taken go to `demo_taken`, so the bulk issues
    never repeat one. Returns the number of issues written.
    """
    taken: set[tuple[str, str]] = set()
    rows: list[tuple[Any, ...]] = []
    for kind in IssueKind:
        if kind in HEALTH_KINDS or kind is IssueKind.MISSING_BILLING_CODE:
            continue
        provider: str | None = None
        said: str | None = None  # a charge in error: its own error
        if kind is IssueKind.INTERNAL_ERROR:
            subject_type, subject_id = EntityType.WORKER, "demo-worker"
        else:
            subject_type, query = SUBJECT_QUERIES[kind]
            result = await conn.exec_driver_sql(query)
            found: list[tuple[str, str | None, str | None]] = [
                (str(record_id), record_provider, own_error)
                for record_id, record_provider, own_error in (tuple(r) for r in result)
                if (subject_type.value, str(record_id)) not in taken
            ]
            if not found:
                continue
            subject_id, provider, said = found[0]
        taken.add((subject_type.value, subject_id))
        n = len(rows)
        remedy = REMEDIES[kind]
        message = said or _message(kind)
        seen = now - timedelta(minutes=n)
        rows.append(
            (
                n + 1,
                kind.value,
                subject_type.value,
                subject_id,
                f"{kind.value}|{subject_type.value}|{subject_id}",
                "open",
                provider,
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
    await conn.exec_driver_sql("CREATE TEMP TABLE demo_taken (subject_type TEXT, subject_id TEXT)")
    if taken:
        await conn.execute(
            sa.text("INSERT INTO demo_taken (subject_type, subject_id) VALUES (:t, :i)"),
            [{"t": t, "i": i} for t, i in sorted(taken)],
        )
    await TableRows(issues, rows, ISSUE_COLUMNS).insert(conn)
    return len(rows)


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
    ):
        await _run(conn, statement, params)
    first = await _first_issues(conn, now)
    bulk = {**params, "issues": max(n_issues - first, 0), "first_id": first + 1}
    await _run(conn, statements.issues(), bulk)
    for table in TEMP_TABLES:
        await conn.execute(sa.text(f"DROP TABLE {table}"))
    for statement in restore:
        await conn.exec_driver_sql(statement)
    await rebuild_text_indexes(conn)
    await advance_id_sequences(conn, [t for t in LOADED_TABLES if t != "quotes"])
    await fast_load_pragmas(conn, on=False)
    await analyze(conn)
    n_issues = (await conn.execute(sa.text("SELECT count(*) FROM issues"))).scalar_one()
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
