"""split order lines: one quote line may sit on several order lines

When no single distributor has the whole quantity, a buyer splits the line: part of it is
ordered at one distributor and the rest at another, so `order_lines.quote_line_id` is no
longer unique. It keeps an index (lookups by quote line stay fast).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("order_lines") as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_order_lines_quote_line_id"), type_="unique")
        batch_op.create_index(
            batch_op.f("ix_order_lines_quote_line_id"), ["quote_line_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("order_lines") as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_lines_quote_line_id"))
        batch_op.create_unique_constraint(
            batch_op.f("uq_order_lines_quote_line_id"), ["quote_line_id"]
        )
