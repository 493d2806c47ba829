"""Autotask purchase orders: vendor mapping, POs and items per order, shipments, receipts

`distributor_vendors` maps each distributor to its Autotask vendor company.
`purchase_orders` (one row per order, keyed by the order id) and `purchase_order_items` (one
per order line) hold the Autotask ids and the markers committed before each create;
`order_shipments` keeps each package a distributor reported (or a person entered) and
`receipts` each receipt recorded in Autotask (per quantity, or per serial number).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import procdesk.store.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "distributor_vendors",
        sa.Column("distributor", sa.String(length=16), nullable=False),
        sa.Column("company_id", sa.BigInteger(), nullable=False),
        sa.Column("company_name", sa.String(length=200), nullable=True),
        sa.Column("updated_at", procdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("distributor", name=op.f("pk_distributor_vendors")),
    )
    op.create_table(
        "order_shipments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("shipment_id", sa.String(length=100), nullable=False),
        sa.Column("manual", sa.Boolean(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("carrier", sa.String(length=100), nullable=True),
        sa.Column("tracking_number", sa.String(length=100), nullable=True),
        sa.Column("tracking_url", sa.Text(), nullable=True),
        sa.Column("shipped_on", sa.Date(), nullable=True),
        sa.Column("estimated_delivery_on", sa.Date(), nullable=True),
        sa.Column("delivered_on", sa.Date(), nullable=True),
        sa.Column("serial_numbers", sa.JSON(), nullable=False),
        sa.Column("updated_at", procdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_order_shipments_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_shipments")),
        sa.UniqueConstraint(
            "order_id",
            "line_number",
            "shipment_id",
            name=op.f("uq_order_shipments_order_id_line_number_shipment_id"),
        ),
    )
    op.create_table(
        "purchase_order_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("autotask_item_id", sa.BigInteger(), nullable=True),
        sa.Column("charge_id", sa.BigInteger(), nullable=True),
        sa.Column("ticket_id", sa.BigInteger(), nullable=True),
        sa.Column("charge_status", sa.String(length=40), nullable=True),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.Column(
            "create_started_at", procdesk.store.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("updated_at", procdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_purchase_order_items_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_order_items")),
        sa.UniqueConstraint(
            "order_id", "line_number", name=op.f("uq_purchase_order_items_order_id_line_number")
        ),
    )
    op.create_table(
        "purchase_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("autotask_po_id", sa.BigInteger(), nullable=True),
        sa.Column("po_number", sa.String(length=50), nullable=True),
        sa.Column("autotask_status", sa.String(length=40), nullable=True),
        sa.Column("vendor_id", sa.BigInteger(), nullable=True),
        sa.Column("linked_by_hand", sa.Boolean(), nullable=False),
        sa.Column(
            "create_started_at", procdesk.store.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("needs_work", sa.Boolean(), nullable=False),
        sa.Column(
            "next_attempt_at", procdesk.store.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("error_kind", sa.String(length=40), nullable=True),
        sa.Column("lease_owner", sa.String(length=100), nullable=True),
        sa.Column("lease_until", procdesk.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", procdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", procdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["id"], ["orders.id"], name=op.f("fk_purchase_orders_id_orders")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_orders")),
    )
    op.create_index(
        op.f("ix_purchase_orders_needs_work_next_attempt_at"),
        "purchase_orders",
        ["needs_work", "next_attempt_at"],
        unique=False,
    )
    op.create_table(
        "receipts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("shipment_id", sa.String(length=100), nullable=False),
        sa.Column("serial_number", sa.String(length=100), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("autotask_receipt_id", sa.BigInteger(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("created_at", procdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_receipts_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipts")),
        sa.UniqueConstraint(
            "order_id",
            "line_number",
            "shipment_id",
            "serial_number",
            name=op.f("uq_receipts_order_id_line_number_shipment_id_serial_number"),
        ),
    )


def downgrade() -> None:
    op.drop_table("receipts")
    op.drop_index(
        op.f("ix_purchase_orders_needs_work_next_attempt_at"), table_name="purchase_orders"
    )
    op.drop_table("purchase_orders")
    op.drop_table("purchase_order_items")
    op.drop_table("order_shipments")
    op.drop_table("distributor_vendors")
