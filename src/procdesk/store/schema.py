"""The ledger's tables (SQLAlchemy Core). Migrations in `migrations/versions` create them.

Display columns (company, SKU, amounts) are copied onto charges and orders so that the
dashboard's virtual tables page through one indexed table without joins.
Money and quantities are `Money4` (exact, 4 places); times are aware UTC.
"""

from __future__ import annotations

import sqlalchemy as sa

from procdesk.store.types import Money4, UTCDateTime


def is_ledger_table(name: str) -> bool:
    """False for the text-index objects migrations create outside this metadata.

    FTS5 tables on SQLite, pg_trgm indexes on PostgreSQL.
    """
    return "_fts" not in name and not name.endswith("_search_trgm")


metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
    }
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # the quoting source's quote id
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("company_name", sa.String(200), nullable=False),
    sa.Column("ship_to", sa.JSON, nullable=False),  # ShipTo model as JSON
    sa.Column("ticket_id", sa.BigInteger, nullable=True),
    sa.Column("ticket_number", sa.String(32), nullable=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("currency", sa.String(3), nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),  # import idempotency
    # the record as the import file wrote it, hashed: unchanged on re-import without
    # validating it again (null: imported before 0008, or not from a file)
    sa.Column("source_hash", sa.String(64), nullable=True),
    sa.Column("imported_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index(None, "status"),
    sa.Index(None, "updated_at"),
    sa.Index(None, "ticket_id"),
)

quote_lines = sa.Table(
    "quote_lines",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("quote_id", sa.String(64), sa.ForeignKey("quotes.id"), nullable=False),
    sa.Column("line_number", sa.Integer, nullable=False),
    sa.Column("sku", sa.String(100), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("category", sa.String(100), nullable=False),
    sa.Column("distributor", sa.String(16), nullable=False),
    sa.Column("distributor_part_number", sa.String(64), nullable=True),
    sa.Column("quantity", Money4, nullable=False),
    sa.Column("unit_cost", Money4, nullable=False),
    sa.Column("unit_price", Money4, nullable=False),
    sa.Column("product_id", sa.BigInteger, nullable=True),  # Autotask product id
    sa.Column("billing_code_override", sa.BigInteger, nullable=True),
    sa.UniqueConstraint("quote_id", "line_number"),
    sa.Index(None, "category"),
)

category_billing_codes = sa.Table(
    "category_billing_codes",
    metadata,
    sa.Column("category", sa.String(100), primary_key=True),
    sa.Column("billing_code_id", sa.BigInteger, nullable=False),
    sa.Column("billing_code_name", sa.String(200), nullable=True),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("updated_by", sa.String(100), nullable=False),
)

charges = sa.Table(
    "charges",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("quote_line_id", sa.Integer, sa.ForeignKey("quote_lines.id"), nullable=False),
    sa.Column("quote_id", sa.String(64), sa.ForeignKey("quotes.id"), nullable=False),
    sa.Column("ticket_id", sa.BigInteger, nullable=True),
    sa.Column("ticket_number", sa.String(32), nullable=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("marker", sa.String(64), nullable=False, unique=True),  # idempotency token
    sa.Column("autotask_id", sa.BigInteger, nullable=True),
    sa.Column("procurement_status", sa.String(32), nullable=True),  # Autotask's status label
    sa.Column("is_billed", sa.Boolean, nullable=False, default=False),
    # display copies of the quote line
    sa.Column("company_name", sa.String(200), nullable=False),
    sa.Column("sku", sa.String(100), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("category", sa.String(100), nullable=False),
    sa.Column("quantity", Money4, nullable=False),
    sa.Column("unit_cost", Money4, nullable=False),
    sa.Column("unit_price", Money4, nullable=False),
    sa.Column("billable_amount", Money4, nullable=False),
    sa.Column("billing_code_id", sa.BigInteger, nullable=True),  # the code it was sent with
    # sync bookkeeping
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt_at", UTCDateTime, nullable=True),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("error_kind", sa.String(40), nullable=True),
    sa.Column("lease_owner", sa.String(100), nullable=True),
    sa.Column("lease_until", UTCDateTime, nullable=True),
    sa.Column("send_started_at", UTCDateTime, nullable=True),  # set before a create is sent
    sa.Column("cancel_reason", sa.String(32), nullable=True),
    sa.Column("cancel_note", sa.Text, nullable=True),
    sa.Column("search_text", sa.Text, nullable=False, default=""),  # lowercased filter text
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("synced_at", UTCDateTime, nullable=True),
    sa.Index(None, "status", "id"),
    sa.Index(None, "status", "next_attempt_at"),
    sa.Index(None, "updated_at", "id"),
    sa.Index(None, "quote_id"),
    sa.Index(None, "quote_line_id"),
    sa.Index(None, "ticket_id"),
    sa.Index(None, "error_kind", "id"),
    sa.Index(None, "company_name", "id"),
    sa.Index(None, "billable_amount", "id"),
    sa.Index(None, "autotask_id"),
    *(
        sa.Index(f"ix_charges_status_{c}_id", "status", c, "id")
        for c in ("updated_at", "company_name", "billable_amount", "quote_id")
    ),
)

orders = sa.Table(
    "orders",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("quote_id", sa.String(64), sa.ForeignKey("quotes.id"), nullable=False),
    sa.Column("distributor", sa.String(16), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("reference", sa.String(40), nullable=False, unique=True),  # our order number
    sa.Column("distributor_order_id", sa.String(100), nullable=True),
    sa.Column("distributor_status", sa.String(100), nullable=True),  # their raw status text
    sa.Column("company_name", sa.String(200), nullable=False),
    sa.Column("ship_to", sa.JSON, nullable=False),
    sa.Column("ship_to_key", sa.String(64), nullable=False),  # hash: merge same ship-to
    sa.Column("total_value", Money4, nullable=False),
    sa.Column("currency", sa.String(3), nullable=False),
    sa.Column("merged_into", sa.Integer, nullable=True),
    sa.Column("approved_by", sa.String(100), nullable=True),
    sa.Column("approved_at", UTCDateTime, nullable=True),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt_at", UTCDateTime, nullable=True),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("error_kind", sa.String(40), nullable=True),
    sa.Column("lease_owner", sa.String(100), nullable=True),
    sa.Column("lease_until", UTCDateTime, nullable=True),
    sa.Column("processing_since", UTCDateTime, nullable=True),
    sa.Column("placed_at", UTCDateTime, nullable=True),
    sa.Column("last_polled_at", UTCDateTime, nullable=True),
    sa.Column("cancel_reason", sa.Text, nullable=True),
    sa.Column("search_text", sa.Text, nullable=False, default=""),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index(None, "status", "id"),
    sa.Index(None, "status", "next_attempt_at"),
    sa.Index(None, "distributor", "id"),
    sa.Index(None, "updated_at", "id"),
    sa.Index(None, "quote_id"),
    sa.Index(None, "error_kind", "id"),
    sa.Index(None, "total_value", "id"),
    sa.Index(None, "distributor", "ship_to_key", "status"),
    *(
        sa.Index(f"ix_orders_status_{c}_id", "status", c, "id")
        for c in ("updated_at", "company_name", "total_value", "distributor")
    ),
)

order_lines = sa.Table(
    "order_lines",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("order_id", sa.Integer, sa.ForeignKey("orders.id"), nullable=False),
    sa.Column("quote_line_id", sa.Integer, sa.ForeignKey("quote_lines.id"), nullable=False),
    sa.Column("line_number", sa.Integer, nullable=False),  # customerLineNumber we send
    sa.Column("sku", sa.String(100), nullable=False),
    sa.Column("part_number", sa.String(64), nullable=False),  # distributor part / sku id
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("quantity", Money4, nullable=False),
    sa.Column("unit_price", Money4, nullable=False),  # the quoted cost we expect to pay
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("distributor_line_status", sa.String(100), nullable=True),
    sa.Column("quantity_confirmed", sa.Integer, nullable=True),
    sa.Column("quantity_backordered", sa.Integer, nullable=True),
    sa.Column("backorder_eta", sa.String(32), nullable=True),
    sa.Column("tracking_numbers", sa.JSON, nullable=False, default=list),
    sa.Column("reject_reason", sa.Text, nullable=True),
    # When the sourcing preference compared the line (or a buyer placed it by hand); NULL
    # while a newly queued line waits for that (procurement.source_by_preference).
    sa.Column("sourced_at", UTCDateTime, nullable=True),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index(None, "order_id"),
    sa.Index(None, "quote_line_id"),  # not unique: a split line sits on several orders
)

# ---- Autotask purchase orders (issue 16) ------------------------------------------------

distributor_vendors = sa.Table(
    "distributor_vendors",
    metadata,
    sa.Column("distributor", sa.String(16), primary_key=True),
    sa.Column("company_id", sa.BigInteger, nullable=False),  # Autotask vendor company
    sa.Column("company_name", sa.String(200), nullable=True),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("updated_by", sa.String(100), nullable=False),
)

purchase_orders = sa.Table(
    "purchase_orders",
    metadata,
    sa.Column("id", sa.Integer, sa.ForeignKey("orders.id"), primary_key=True),  # the order
    sa.Column("state", sa.String(16), nullable=False),  # PoState
    sa.Column("autotask_po_id", sa.BigInteger, nullable=True),
    sa.Column("po_number", sa.String(50), nullable=True),
    sa.Column("autotask_status", sa.String(40), nullable=True),
    sa.Column("vendor_id", sa.BigInteger, nullable=True),
    sa.Column("linked_by_hand", sa.Boolean, nullable=False, default=False),
    sa.Column("create_started_at", UTCDateTime, nullable=True),  # committed before a create
    sa.Column("needs_work", sa.Boolean, nullable=False, default=True),
    sa.Column("next_attempt_at", UTCDateTime, nullable=True),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("error_kind", sa.String(40), nullable=True),
    sa.Column("lease_owner", sa.String(100), nullable=True),
    sa.Column("lease_until", UTCDateTime, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index(None, "needs_work", "next_attempt_at"),
)

purchase_order_items = sa.Table(
    "purchase_order_items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("order_id", sa.Integer, sa.ForeignKey("orders.id"), nullable=False),
    sa.Column("line_number", sa.Integer, nullable=False),
    sa.Column("autotask_item_id", sa.BigInteger, nullable=True),
    sa.Column("charge_id", sa.BigInteger, nullable=True),
    sa.Column("ticket_id", sa.BigInteger, nullable=True),
    sa.Column("charge_status", sa.String(40), nullable=True),
    sa.Column("skipped", sa.Boolean, nullable=False, default=False),
    sa.Column("create_started_at", UTCDateTime, nullable=True),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("order_id", "line_number"),
)

order_shipments = sa.Table(
    "order_shipments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("order_id", sa.Integer, sa.ForeignKey("orders.id"), nullable=False),
    sa.Column("line_number", sa.Integer, nullable=False),
    sa.Column("shipment_id", sa.String(100), nullable=False),
    sa.Column("manual", sa.Boolean, nullable=False, default=False),
    sa.Column("quantity", sa.Integer, nullable=False),
    sa.Column("carrier", sa.String(100), nullable=True),
    sa.Column("tracking_number", sa.String(100), nullable=True),
    sa.Column("tracking_url", sa.Text, nullable=True),
    sa.Column("shipped_on", sa.Date, nullable=True),
    sa.Column("estimated_delivery_on", sa.Date, nullable=True),
    sa.Column("delivered_on", sa.Date, nullable=True),
    sa.Column("serial_numbers", sa.JSON, nullable=False, default=list),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("order_id", "line_number", "shipment_id"),
)

receipts = sa.Table(
    "receipts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("order_id", sa.Integer, sa.ForeignKey("orders.id"), nullable=False),
    sa.Column("line_number", sa.Integer, nullable=False),
    sa.Column("shipment_id", sa.String(100), nullable=False),
    sa.Column("serial_number", sa.String(100), nullable=False, default=""),
    sa.Column("quantity", sa.Integer, nullable=False),
    sa.Column("autotask_receipt_id", sa.BigInteger, nullable=True),
    sa.Column("received_on", sa.Date, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("order_id", "line_number", "shipment_id", "serial_number"),
)

issues = sa.Table(
    "issues",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("subject_type", sa.String(20), nullable=False),  # EntityType
    sa.Column("subject_id", sa.String(100), nullable=False),
    # "kind|subject_type|subject_id" while open; NULL once resolved or dismissed, so one
    # open issue per kind and subject (NULLs never collide in a unique index on either DB).
    sa.Column("dedupe_key", sa.String(200), nullable=True, unique=True),
    sa.Column("status", sa.String(16), nullable=False),  # open | resolved | dismissed
    sa.Column("provider", sa.String(16), nullable=True),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("message", sa.Text, nullable=False),  # the provider's message, verbatim
    sa.Column("hint", sa.Text, nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("detail", sa.JSON, nullable=False, default=dict),
    sa.Column("occurrences", sa.Integer, nullable=False, default=1),
    sa.Column("first_seen", UTCDateTime, nullable=False),
    sa.Column("last_seen", UTCDateTime, nullable=False),
    sa.Column("closed_at", UTCDateTime, nullable=True),
    sa.Column("closed_by", sa.String(100), nullable=True),
    sa.Column("search_text", sa.Text, nullable=False, default=""),
    sa.Index(None, "status", "kind", "id"),
    sa.Index(None, "subject_type", "subject_id"),
    sa.Index(None, "last_seen", "id"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column(
        "seq",
        sa.BigInteger().with_variant(sa.Integer, "sqlite"),
        primary_key=True,
        autoincrement=True,
    ),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("actor", sa.String(100), nullable=False),
    sa.Column("entity_type", sa.String(20), nullable=False),
    sa.Column("entity_id", sa.String(100), nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("detail", sa.JSON, nullable=False, default=dict),
    sa.Index(None, "entity_type", "entity_id", "seq"),
)

credentials = sa.Table(
    "credentials",
    metadata,
    sa.Column("provider", sa.String(16), primary_key=True),
    sa.Column("account", sa.String(200), nullable=True),  # non-secret identity (user, client id)
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("token_expires_at", UTCDateTime, nullable=True),
    sa.Column("refresh_expires_at", UTCDateTime, nullable=True),
    sa.Column("last_verified_at", UTCDateTime, nullable=True),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

workers = sa.Table(
    "workers",
    metadata,
    sa.Column("id", sa.String(100), primary_key=True),  # host:pid:random
    sa.Column("host", sa.String(200), nullable=False),
    sa.Column("pid", sa.Integer, nullable=False),
    sa.Column("actor", sa.String(100), nullable=False),
    sa.Column("state", sa.String(16), nullable=False),  # running | paused | stopped
    sa.Column("started_at", UTCDateTime, nullable=False),
    sa.Column("heartbeat_at", UTCDateTime, nullable=False),
    sa.Column("last_cycle_at", UTCDateTime, nullable=True),
    sa.Column("detail", sa.JSON, nullable=False, default=dict),
)

# Team mode (PostgreSQL): the Autotask hourly budget shared by every worker, as a token
# bucket refilled at capacity/hour (see store/pg/budget.py). Unused on SQLite.
api_budget = sa.Table(
    "api_budget",
    metadata,
    sa.Column("provider", sa.String(16), primary_key=True),
    sa.Column("capacity", sa.Integer, nullable=False),
    sa.Column("tokens", sa.Float, nullable=False),
    sa.Column("refreshed_at", UTCDateTime, nullable=False),
    sa.Column("used_total", sa.BigInteger, nullable=False, default=0),
)
