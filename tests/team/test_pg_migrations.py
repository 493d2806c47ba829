"""The same migrations create, downgrade and re-create the schema on an empty PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from procdesk.store.ledger import Ledger
from procdesk.store.migrate import MIGRATIONS_DIR, current_revision, head_revision


def _downgrade_to_base(connection: sa.Connection) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    command.downgrade(config, "base")


async def test_empty_database_migrates_down_and_up_again(pg_url: str) -> None:
    ledger = await Ledger.open(pg_url)
    try:
        async with ledger.read() as conn:
            assert await current_revision(conn) == head_revision()
            triggers = await conn.exec_driver_sql(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'events'::regclass"
            )
            assert "events_notify" in set(triggers.scalars())
        async with ledger.write() as conn:
            await conn.run_sync(_downgrade_to_base)
        async with ledger.read() as conn:
            tables = await conn.run_sync(lambda c: sa.inspect(c).get_table_names())
            assert set(tables) <= {"alembic_version"}
    finally:
        await ledger.close()
    again = await Ledger.open(pg_url)
    try:
        async with again.read() as conn:
            assert await current_revision(conn) == head_revision()
    finally:
        await again.close()
