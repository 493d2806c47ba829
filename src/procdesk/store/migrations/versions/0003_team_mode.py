"""team mode: shared API budget table; change-feed notifications on PostgreSQL

`api_budget` holds the Autotask hourly budget every worker draws from (a token bucket).
On PostgreSQL a statement-level trigger on `events` calls pg_notify in the inserting
transaction, so dashboards LISTENing on `procdesk_events` wake when the change commits
(one notification per transaction; the payload is empty: dashboards read the feed by
sequence number). SQLite gets the table only; its dashboards keep polling.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import procdesk.store.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CHANNEL = "procdesk_events"


def upgrade() -> None:
    op.create_table(
        "api_budget",
        sa.Column("provider", sa.String(length=16), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("refreshed_at", procdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_total", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("provider", name=op.f("pk_api_budget")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION procdesk_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$"
        )
        op.execute(
            "CREATE TRIGGER events_notify AFTER INSERT ON events "
            "FOR EACH STATEMENT EXECUTE FUNCTION procdesk_events_notify()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS events_notify ON events")
        op.execute("DROP FUNCTION IF EXISTS procdesk_events_notify()")
    op.drop_table("api_budget")
