"""Synthetic history for demo and benchmark ledgers: many quotes, charges, orders, issues.

Deterministic for a seed. Rows reference the tickets and categories the caller passes (the
sandbox's demo data in `procdesk demo`), so the few pending charges really sync. Everything
else is history in every status, orders in every state at both distributors and an open
issue of every kind, so each pane has something to show.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import (
    ChargeStatus,
    EntityType,
    IssueKind,
    OrderStatus,
    ProcurementStatus,
)
from procdesk.domain.money import billable_amount
from procdesk.domain.remediation import REMEDIES
from procdesk.store import events
from procdesk.store.bulk import (
    fast_load_pragmas,
    insert_rows,
    rebuild_text_indexes,
    suspend_indexes,
    suspend_text_triggers,
)

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
ITEMS = (
    ("LAT-5440", "Dell Latitude 5440 laptop", "Hardware"),
    ("DOCK-WD19", "Dell WD19S USB-C dock", "Peripherals"),
    ("MS-365-BP", "Microsoft 365 Business Premium (annual)", "Licensing"),
    ("SW-CBS350", "Cisco CBS350 24-port switch", "Networking"),
    ("CAB-C6-3M", "Cat6 patch cable 3 m", "Cabling"),
    ("MON-P2723", 'Dell P2723D 27" monitor', "Peripherals"),
    ("AP-U6PRO", "Ubiquiti U6 Pro access point", "Networking"),
    ("SSD-1TB", "Samsung 990 Pro 1 TB SSD", "Hardware"),
)
CHARGE_WEIGHTS = (
    (ChargeStatus.SYNCED, 70),
    (ChargeStatus.CANCELLED, 8),
    (ChargeStatus.ERROR, 7),
    (ChargeStatus.PENDING, 15),
)
PSA_STATUSES = tuple(ProcurementStatus)
SAMPLE_MESSAGES = {
    IssueKind.INVALID_BILLING_CODE: "BillingCode does not exist or is invalid",
    IssueKind.CHARGE_VALIDATION: "Value does not reference an existing entity for ticketID .",
    IssueKind.INVALID_CUSTOMER_NUMBER: (
        "Invalid customer number. The customer number provided on the API call does not "
        "match the registered customer number."
    ),
    IssueKind.PRODUCT_UNAVAILABLE: "Part 9ZX412 is discontinued at Ingram Micro",
    IssueKind.STUCK_PROCESSING: "Distributor API timed out (ReadTimeout) — processing for 3h",
    IssueKind.CREDENTIALS_EXPIRED: "TD SYNNEX refresh token expired or already used (HTTP 401)",
}
CREDENTIAL_KINDS = {
    IssueKind.INVALID_CUSTOMER_NUMBER: "ingram",
    IssueKind.CREDENTIALS_EXPIRED: "tdsynnex",
    IssueKind.CREDENTIALS_INVALID: "autotask",
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
    IssueKind.AUTOTASK_UNAVAILABLE,
)


class _IssueSubjects:
    """One issue of every kind first, then many charge and order issues, never a repeat of
    (kind, subject) — the ledger allows one open issue per pair."""

    def __init__(
        self, error_ids: list[int], stuck_ids: list[int], quote_id: Callable[[int], str]
    ) -> None:
        self.error_ids = error_ids or [1]
        self.stuck_ids = stuck_ids or [1]
        self.quote_id = quote_id
        self.kinds = list(IssueKind)
        self.used: dict[IssueKind, int] = {}

    def pick(self, n: int) -> tuple[IssueKind, EntityType, str]:
        if n < len(self.kinds):
            kind = self.kinds[n]
            if kind in CREDENTIAL_KINDS:
                return kind, EntityType.CREDENTIAL, CREDENTIAL_KINDS[kind]
            if kind is IssueKind.NOT_ORDERABLE:
                return kind, EntityType.QUOTE_LINE, "3"
            if kind is IssueKind.INTERNAL_ERROR:
                return kind, EntityType.WORKER, "demo-worker"
            if kind in ORDER_KINDS:
                return kind, EntityType.ORDER, str(self.stuck_ids[0])
            return kind, EntityType.CHARGE, str(self.error_ids[0])
        m = n - len(self.kinds)
        if m % 3 == 2:
            kind = ORDER_KINDS[m % len(ORDER_KINDS)]
            pool, entity = self.stuck_ids, EntityType.ORDER
        else:
            kind = CHARGE_KINDS[m % len(CHARGE_KINDS)]
            pool, entity = self.error_ids, EntityType.CHARGE
        used = self.used.get(kind, 0) + 1  # index 0 went to the first issue of the kind
        self.used[kind] = used
        subject = pool[used % len(pool)]
        return kind, entity, f"{subject}" if used < len(pool) else f"{subject}.{used}"


ERROR_MESSAGES = {
    IssueKind.INVALID_BILLING_CODE: "BillingCode does not exist or is invalid",
    IssueKind.CHARGE_VALIDATION: "Value does not reference an existing entity for ticketID .",
}

COLUMNS: dict[str, list[str]] = {
    "quotes": [
        "id",
        "title",
        "company_name",
        "ship_to",
        "ticket_id",
        "ticket_number",
        "status",
        "currency",
        "content_hash",
        "imported_at",
        "updated_at",
    ],
    "quote_lines": [
        "id",
        "quote_id",
        "line_number",
        "sku",
        "description",
        "category",
        "distributor",
        "distributor_part_number",
        "quantity",
        "unit_cost",
        "unit_price",
    ],
    "charges": [
        "id",
        "quote_line_id",
        "quote_id",
        "ticket_id",
        "ticket_number",
        "status",
        "marker",
        "autotask_id",
        "procurement_status",
        "is_billed",
        "company_name",
        "sku",
        "description",
        "category",
        "quantity",
        "unit_cost",
        "unit_price",
        "billable_amount",
        "attempts",
        "next_attempt_at",
        "last_error",
        "error_kind",
        "cancel_reason",
        "search_text",
        "created_at",
        "updated_at",
        "synced_at",
    ],
    "orders": [
        "id",
        "quote_id",
        "distributor",
        "status",
        "reference",
        "distributor_order_id",
        "distributor_status",
        "company_name",
        "ship_to",
        "ship_to_key",
        "total_value",
        "currency",
        "attempts",
        "last_error",
        "error_kind",
        "processing_since",
        "placed_at",
        "search_text",
        "created_at",
        "updated_at",
    ],
    "order_lines": [
        "id",
        "order_id",
        "quote_line_id",
        "line_number",
        "sku",
        "part_number",
        "description",
        "quantity",
        "unit_price",
        "status",
        "tracking_numbers",
        "updated_at",
    ],
    "issues": [
        "id",
        "kind",
        "subject_type",
        "subject_id",
        "dedupe_key",
        "status",
        "title",
        "message",
        "hint",
        "action",
        "detail",
        "occurrences",
        "first_seen",
        "last_seen",
        "search_text",
    ],
}


@dataclass(frozen=True)
class SeedPlan:
    charges: int = 2_000
    orders: int | None = None  # default: charges / 5
    issues: int | None = None  # default: charges / 40, at least one of every kind
    pending_cap: int = 300  # pending charges really sync: keep the demo's queue short
    tickets: Sequence[tuple[int, str]] = ((1, "T20261120.0001"),)
    categories: Sequence[str] = ("Hardware", "Peripherals", "Licensing", "Networking", "Cabling")
    seed: int = 7
    currency: str = "USD"


@dataclass
class SeedCounts:
    quotes: int
    charges: int
    orders: int
    issues: int


def _pick(rng: random.Random, weighted: Sequence[tuple[ChargeStatus, int]]) -> ChargeStatus:
    return rng.choices([s for s, _ in weighted], [w for _, w in weighted])[0]


async def seed(
    conn: AsyncConnection, plan: SeedPlan, *, now: datetime, actor: str = "demo"
) -> SeedCounts:
    """Fill an empty ledger according to `plan`, in the caller's transaction."""
    rng = random.Random(plan.seed)
    n_orders = plan.orders if plan.orders is not None else max(plan.charges // 5, 20)
    n_issues = plan.issues if plan.issues is not None else max(plan.charges // 40, len(IssueKind))
    lines_per_quote = 5
    n_quotes = max((plan.charges + lines_per_quote - 1) // lines_per_quote, n_orders)
    await fast_load_pragmas(conn, on=True)
    restore = await suspend_text_triggers(conn)
    restore += await suspend_indexes(conn, list(COLUMNS))

    def quote_id(q: int) -> str:
        return f"Q-{q + 1:07d}"

    def quotes_rows() -> Iterator[tuple[object, ...]]:
        for q in range(n_quotes):
            company = COMPANIES[q % len(COMPANIES)]
            ticket_id, ticket_number = plan.tickets[q % len(plan.tickets)]
            ship_to = {
                "company_name": company,
                "address_line1": f"{100 + q % 900} Main St",
                "city": "Springfield",
                "state": "IL",
                "postal_code": "62701",
                "country_code": "US",
            }
            at = now - timedelta(minutes=q % 50_000)
            yield (
                quote_id(q),
                f"{company} refresh #{q + 1}",
                company,
                ship_to,
                ticket_id,
                ticket_number,
                "accepted",
                plan.currency,
                hashlib.sha256(quote_id(q).encode()).hexdigest(),
                at,
                at,
            )

    await insert_rows(conn, "quotes", COLUMNS["quotes"], quotes_rows())

    def line_values(i: int) -> tuple[str, str, str, Decimal, Decimal, Decimal]:
        sku, description, category = ITEMS[i % len(ITEMS)]
        category = (
            plan.categories[i % len(plan.categories)]
            if category not in plan.categories
            else category
        )
        qty = Decimal(1 + (i * 7) % 12)
        cost = Decimal(20 + (i * 37) % 1800) + Decimal("0.99")
        return (
            sku,
            description,
            category,
            qty,
            cost,
            (cost * Decimal("1.18")).quantize(Decimal("0.01")),
        )

    n_lines = max(plan.charges, n_orders)

    def line_rows() -> Iterator[tuple[object, ...]]:
        for i in range(n_lines):
            sku, description, category, qty, cost, price = line_values(i)
            distributor = ("ingram", "tdsynnex", "other")[i % 3]
            yield (
                i + 1,
                quote_id(i // lines_per_quote),
                i % lines_per_quote + 1,
                sku,
                description,
                category,
                distributor,
                f"{sku}-P",
                qty,
                cost,
                price,
            )

    await insert_rows(conn, "quote_lines", COLUMNS["quote_lines"], line_rows())

    pending_left = plan.pending_cap
    error_ids: list[int] = []

    def charge_rows() -> Iterator[tuple[object, ...]]:
        nonlocal pending_left
        for i in range(plan.charges):
            status = _pick(rng, CHARGE_WEIGHTS)
            if status is ChargeStatus.PENDING:
                if pending_left <= 0:
                    status = ChargeStatus.SYNCED
                else:
                    pending_left -= 1
            sku, description, category, qty, cost, price = line_values(i)
            q = i // lines_per_quote
            company = COMPANIES[q % len(COMPANIES)]
            ticket_id, ticket_number = plan.tickets[q % len(plan.tickets)]
            updated = now - timedelta(seconds=(plan.charges - i) * 7)
            synced = status is ChargeStatus.SYNCED
            error = None
            kind = None
            if status is ChargeStatus.ERROR:
                kind = rng.choice(list(ERROR_MESSAGES))
                error = ERROR_MESSAGES[kind]
                error_ids.append(i + 1)
            cancel = "quote_withdrawn" if status is ChargeStatus.CANCELLED else None
            yield (
                i + 1,
                i + 1,
                quote_id(q),
                ticket_id,
                ticket_number,
                status.value,
                f"pd-demo-{i + 1:08d}",
                900_000 + i if synced else None,
                rng.choice(PSA_STATUSES).value if synced else None,
                False,
                company,
                sku,
                description,
                category,
                qty,
                cost,
                price,
                billable_amount(qty, price),
                1 if status is not ChargeStatus.PENDING else 0,
                now if status is ChargeStatus.PENDING else None,
                error,
                kind.value if kind else None,
                cancel,
                f"{i + 1} {quote_id(q)} {company} {sku} {description} {ticket_number} "
                f"{error or ''}".lower(),
                updated,
                updated,
                updated if synced else None,
            )

    await insert_rows(conn, "charges", COLUMNS["charges"], charge_rows())

    order_states = [s for s in OrderStatus]
    stuck_ids: list[int] = []

    def order_rows() -> Iterator[tuple[object, ...]]:
        for o in range(n_orders):
            status = (
                order_states[o % len(order_states)]
                if o < 40
                else rng.choices(
                    [
                        OrderStatus.DELIVERED,
                        OrderStatus.SHIPPED,
                        OrderStatus.ORDERED,
                        OrderStatus.CANCELLED,
                        OrderStatus.BACKORDERED,
                    ],
                    [50, 20, 15, 10, 5],
                )[0]
            )
            distributor = ("ingram", "tdsynnex")[o % 2]
            company = COMPANIES[o % len(COMPANIES)]
            placed = status not in (
                OrderStatus.QUEUED,
                OrderStatus.AWAITING_APPROVAL,
                OrderStatus.PROCESSING,
                OrderStatus.CANCELLED,
            )
            updated = now - timedelta(seconds=(n_orders - o) * 13)
            raw = {
                OrderStatus.SHIPPED: "Shipped",
                OrderStatus.DELIVERED: "Delivered",
                OrderStatus.BACKORDERED: "Backordered",
                OrderStatus.ON_HOLD: "On Hold",
                OrderStatus.ORDERED: "Processing",
            }.get(status)
            error = (
                "Distributor API timed out (ReadTimeout)"
                if status in (OrderStatus.PROCESSING, OrderStatus.ERROR)
                else None
            )
            if status is OrderStatus.PROCESSING:
                stuck_ids.append(o + 1)
            _, _, _, qty, cost, _ = line_values(o)
            yield (
                o + 1,
                quote_id(o),
                distributor,
                status.value,
                f"PD-{o + 1:07d}-{distributor[:2].upper()}",
                f"20-{o + 1:05d}" if placed else None,
                raw,
                company,
                {"company_name": company},
                company.lower().replace(" ", "-"),
                (qty * cost).quantize(Decimal("0.0001")),
                plan.currency,
                1 if placed else 0,
                error,
                "transient" if error else None,
                updated - timedelta(hours=3) if status is OrderStatus.PROCESSING else None,
                updated if placed else None,
                f"{o + 1} {quote_id(o)} {company} {distributor}".lower(),
                updated,
                updated,
            )

    await insert_rows(conn, "orders", COLUMNS["orders"], order_rows())

    def order_line_rows() -> Iterator[tuple[object, ...]]:
        for o in range(n_orders):
            sku, description, _, qty, cost, _ = line_values(o)
            yield (
                o + 1,
                o + 1,
                o + 1,
                1,
                sku,
                f"{sku}-P",
                description,
                qty,
                cost,
                "queued",
                [],
                now,
            )

    await insert_rows(conn, "order_lines", COLUMNS["order_lines"], order_line_rows())

    def issue_rows() -> Iterator[tuple[object, ...]]:
        subjects = _IssueSubjects(error_ids, stuck_ids, quote_id)
        for n in range(n_issues):
            kind, subject_type, subject_id = subjects.pick(n)
            remedy = REMEDIES[kind]
            message = SAMPLE_MESSAGES.get(kind, remedy.title)
            seen = now - timedelta(minutes=n % 600)
            yield (
                n + 1,
                kind.value,
                subject_type.value,
                subject_id,
                f"{kind.value}|{subject_type.value}|{subject_id}",
                "open",
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

    await insert_rows(conn, "issues", COLUMNS["issues"], issue_rows())

    for statement in restore:
        await conn.exec_driver_sql(statement)
    await rebuild_text_indexes(conn)
    await fast_load_pragmas(conn, on=False)
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.WORKER,
        entity_id="demo",
        action="seeded",
        detail={"charges": plan.charges, "orders": n_orders, "issues": n_issues},
    )
    return SeedCounts(quotes=n_quotes, charges=plan.charges, orders=n_orders, issues=n_issues)
