"""Raw asyncpg connections to the ledger's server, for what SQLAlchemy's pool cannot hold.

Advisory locks live as long as their session and LISTEN needs a connection of its own, so
the gate and the listener open their own asyncpg connections from the ledger's URL. The
password (from the keyring, or none: then libpq's ~/.pgpass is read by asyncpg) travels in
the URL object only; it is never rendered into a message.
"""

from __future__ import annotations

from typing import Any

import asyncpg
import sqlalchemy as sa

APPLICATION_NAME = "procdesk"


def connect_kwargs(url: sa.URL, *, role: str) -> dict[str, Any]:
    """asyncpg keyword arguments for the ledger at `url`; `role` names the connection."""
    if url.get_backend_name() != "postgresql":
        raise ValueError("team mode needs a PostgreSQL ledger")
    return {
        "host": url.host,
        "port": url.port,
        "user": url.username,
        "password": url.password,
        "database": url.database,
        "server_settings": {"application_name": f"{APPLICATION_NAME}-{role}"[:63]},
    }


async def connect(url: sa.URL, *, role: str) -> asyncpg.Connection:
    return await asyncpg.connect(**connect_kwargs(url, role=role))


async def create_pool(url: sa.URL, *, role: str, max_size: int) -> asyncpg.Pool:
    kwargs = connect_kwargs(url, role=role)
    return await asyncpg.create_pool(**kwargs, min_size=0, max_size=max_size)
