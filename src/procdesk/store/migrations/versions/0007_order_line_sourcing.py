"""order lines remember when the sourcing preference looked at them

With `procurement.source_by_preference` on, the worker compares each newly queued hardware
line across the distributors once and may move it to the preferred one. `sourced_at` says
that happened (or that a buyer placed the line by hand), so a line is never compared or
moved twice and a buyer's own switch is never undone. Lines already in the ledger count as
looked at: an upgrade moves nothing that was queued before it.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import procdesk.store.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("order_lines") as batch_op:
        batch_op.add_column(
            sa.Column("sourced_at", procdesk.store.types.UTCDateTime(timezone=True), nullable=True)
        )
    lines = sa.table(
        "order_lines",
        sa.column("sourced_at", procdesk.store.types.UTCDateTime(timezone=True)),
        sa.column("updated_at", procdesk.store.types.UTCDateTime(timezone=True)),
    )
    op.execute(lines.update().values(sourced_at=lines.c.updated_at))


def downgrade() -> None:
    with op.batch_alter_table("order_lines") as batch_op:
        batch_op.drop_column("sourced_at")
