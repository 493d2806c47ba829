"""What `procdesk doctor` reports about a PostgreSQL ledger's server."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.store.pg.connect import APPLICATION_NAME


async def server_version(conn: AsyncConnection) -> str:
    return str((await conn.exec_driver_sql("SHOW server_version")).scalar_one())


async def procdesk_sessions(conn: AsyncConnection) -> dict[str, int]:
    """Open procdesk sessions on this database, by application name (gate, listener, ...)."""
    rows = await conn.execute(
        sa.text(
            "SELECT application_name, count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name LIKE :prefix "
            "GROUP BY application_name ORDER BY application_name"
        ),
        {"prefix": f"{APPLICATION_NAME}%"},
    )
    return {str(name): int(count) for name, count in rows}
