"""quotes remember the fingerprint of the record they were imported from

`source_hash` is a hash of the quote's record exactly as the import file wrote it. When a
file is imported again, a quote whose record hashes the same is unchanged without being
validated or compared again. Quotes already in the ledger get none (null: unknown), so
their next import compares them the slow way, once, and stores the fingerprint.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quotes") as batch_op:
        batch_op.add_column(sa.Column("source_hash", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch_op:
        batch_op.drop_column("source_hash")
