"""The dashboard's first frame from a SQLite ledger, read with the standard library.

Before its first frame the dashboard needs little: the newest event's number and the first
page of each pane. SQLAlchemy, its async driver and the schema cost more to load than the
whole frame, so on a SQLite ledger these few rows are read here with `sqlite3`, read-only
(`mode=ro`), in one snapshot, and decoded into the same records `store.views` returns. The
engine opens after the frame (`Ledger.later`).

The safety check is never skipped: the file must be at this code's schema revision with every
table present, else `None` is returned and the caller opens the ledger the full way (which
migrates, or says what is wrong). Only the unfiltered views are read here; their queries and
column decoding mirror `store.views` and `store.types`, and tests hold the two equal.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from procdesk.domain.charge import Charge
from procdesk.domain.issue import Issue
from procdesk.domain.order import OrderRow
from procdesk.domain.records import Entity
from procdesk.store.migrate import HEAD_REVISION

# Every table of the schema at HEAD_REVISION (store.lifecycle.EXPECTED_TABLES; a test holds
# them equal): a file missing one is damaged, and the full open says so.
EXPECTED_TABLES = frozenset(
    {
        "api_budget",
        "category_billing_codes",
        "charges",
        "credentials",
        "distributor_vendors",
        "events",
        "issues",
        "order_lines",
        "order_shipments",
        "orders",
        "purchase_order_items",
        "purchase_orders",
        "quote_lines",
        "quotes",
        "receipts",
        "workers",
    }
)
BUSY_TIMEOUT_MS = 2_000  # a writer's transaction in progress: wait briefly, then fall back


def _money(value: Any) -> Decimal | None:  # store.types.Money4: ten-thousandths
    if value is None:
        return None
    return (Decimal(int(value)) / 10000).quantize(Decimal("0.0001"))


def _time(value: Any) -> datetime | None:  # store.types.UTCDateTime: naive UTC on SQLite
    if value is None:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _json(value: Any) -> Any:  # sa.JSON: text on SQLite
    return None if value is None else json.loads(value)


def _bool(value: Any) -> bool | None:  # sa.Boolean: 0 or 1 on SQLite
    return None if value is None else bool(value)


Decoder = Callable[[Any], Any]


@dataclass(frozen=True)
class FirstView:
    """How one pane's unfiltered view is read: its rows' table, model and decoding."""

    model: type[Entity]
    select: str  # the columns and table, before WHERE
    where: str
    decoders: Mapping[str, Decoder]


VIEWS: dict[str, FirstView] = {
    "charges": FirstView(
        model=Charge,
        select="SELECT charges.* FROM charges",
        where="",
        decoders={
            "is_billed": _bool,
            **dict.fromkeys(("quantity", "unit_cost", "unit_price", "billable_amount"), _money),
            **dict.fromkeys(
                ("next_attempt_at", "lease_until", "send_started_at", "created_at"), _time
            ),
            **dict.fromkeys(("updated_at", "synced_at"), _time),
        },
    ),
    "orders": FirstView(
        model=OrderRow,
        # store.views.ORDERS with its computed columns (_order_progress)
        select=(
            "SELECT orders.*,"
            " (SELECT po_number FROM purchase_orders WHERE purchase_orders.id = orders.id)"
            " AS po_number,"
            " (SELECT coalesce(sum(quantity), 0) FROM order_lines"
            "  WHERE order_lines.order_id = orders.id"
            "  AND order_lines.status NOT IN ('rejected', 'cancelled')) AS units_ordered,"
            " (SELECT coalesce(sum(quantity), 0) FROM order_shipments"
            "  WHERE order_shipments.order_id = orders.id AND order_shipments.manual IS 0)"
            " AS units_shipped,"
            " (SELECT coalesce(sum(quantity), 0) FROM receipts"
            "  WHERE receipts.order_id = orders.id) AS units_received"
            " FROM orders"
        ),
        where="",
        decoders={
            "ship_to": _json,
            "total_value": _money,
            "units_ordered": _money,
            **dict.fromkeys(("approved_at", "next_attempt_at", "lease_until"), _time),
            **dict.fromkeys(("processing_since", "placed_at", "last_polled_at"), _time),
            **dict.fromkeys(("created_at", "updated_at"), _time),
        },
    ),
    "issues": FirstView(
        model=Issue,
        select="SELECT issues.* FROM issues",
        where="issues.status = 'open'",  # the issues pane shows open ones only
        decoders={
            "detail": _json,
            **dict.fromkeys(("first_seen", "last_seen", "closed_at"), _time),
        },
    ),
}


@dataclass(frozen=True)
class FirstPage:
    """One pane's first page as asked: its view, sort column and direction, row limit."""

    view: str
    sort: str
    descending: bool
    limit: int


@dataclass(frozen=True)
class FirstRead:
    """What the first frame shows, read in one snapshot."""

    last_seq: int  # the change feed's position the rows are as of
    pages: dict[str, list[Entity]]  # by view name, in the asked order


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def _page(conn: sqlite3.Connection, page: FirstPage) -> list[Entity]:
    view = VIEWS[page.view]
    table = page.view
    computed = {"po_number", "units_ordered", "units_shipped", "units_received"}
    if page.sort not in _columns(conn, table) - computed:
        raise ValueError(f"cannot sort {table} by {page.sort!r}")
    direction = "DESC" if page.descending else "ASC"
    where = f" WHERE {view.where}" if view.where else ""
    order = f" ORDER BY {table}.{page.sort} {direction}, {table}.id {direction}"
    cursor = conn.execute(f"{view.select}{where}{order} LIMIT ?", (page.limit,))
    names = [d[0] for d in cursor.description]
    rows = []
    for values in cursor:
        record = dict(zip(names, values, strict=True))
        for name, decode in view.decoders.items():
            record[name] = decode(record[name])
        rows.append(view.model.model_validate(record))
    return rows


def is_current(conn: sqlite3.Connection) -> bool:
    """The file is at this code's schema revision with every table present."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "alembic_version" not in tables or not tables >= EXPECTED_TABLES:
        return False
    found = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    return [str(r[0]) for r in found] == [HEAD_REVISION]


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


def current_sqlite_file(url_or_path: str | Path) -> Path | None:
    """The file of a ledger given as a path (not a URL) that this code can use as it is."""
    if "://" in str(url_or_path):
        return None
    path = Path(url_or_path).expanduser()
    return path if current_file(path) else None


def current_file(path: Path) -> bool:
    """Is this SQLite file a ledger this code can use as it is (no migration, no repair)?"""
    if not path.is_file():
        return False
    try:
        conn = _connect(path)
        try:
            return is_current(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def read_first(path: Path, pages: list[FirstPage]) -> FirstRead | None:
    """The first frame's rows, or None when this file is not one to read this way (not at
    this code's revision, a table missing, unreadable): then open the ledger in full.
    Blocking: run it in a thread."""
    if not path.is_file():
        return None
    try:
        conn = _connect(path)
        try:
            conn.execute("BEGIN")  # one snapshot for the check and every page
            if not is_current(conn):
                return None
            last_seq = conn.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0]
            result = FirstRead(int(last_seq), {p.view: _page(conn, p) for p in pages})
            conn.execute("COMMIT")
            return result
        finally:
            conn.close()
    except sqlite3.Error:
        return None
