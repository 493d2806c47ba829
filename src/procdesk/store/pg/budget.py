"""The hourly API budget shared by every worker: a token bucket in the `api_budget` table.

The bucket holds up to `capacity` requests and refills at capacity per hour (the rolling
hour Autotask counts). Taking a token is one UPDATE, so concurrent workers serialise on the
row and never overdraw it; time is the server's, so hosts with skewed clocks agree.
"""

from __future__ import annotations

import asyncpg

_ENSURE = (
    "INSERT INTO api_budget (provider, capacity, tokens, refreshed_at, used_total) "
    "VALUES ($1, $2::int, $2::int, now(), 0) ON CONFLICT (provider) DO NOTHING"
)
_AVAILABLE = (
    "LEAST(($2::int)::float8, "
    "tokens + EXTRACT(EPOCH FROM now() - refreshed_at)::float8 * ($2::int) / 3600.0)"
)
_TAKE = (
    f"UPDATE api_budget SET tokens = {_AVAILABLE} - 1, refreshed_at = now(), "
    "capacity = $2::int, used_total = used_total + 1 "
    f"WHERE provider = $1 AND {_AVAILABLE} >= 1 RETURNING tokens"
)
_WAIT = f"SELECT (1 - {_AVAILABLE}) * 3600.0 / ($2::int) FROM api_budget WHERE provider = $1"


async def take(conn: asyncpg.Connection, provider: str, capacity: int) -> float:
    """Take one request from the budget: 0.0 if taken, else seconds until one is free."""
    if await conn.fetchval(_TAKE, provider, capacity) is not None:
        return 0.0
    await conn.execute(_ENSURE, provider, capacity)
    if await conn.fetchval(_TAKE, provider, capacity) is not None:
        return 0.0
    wait = await conn.fetchval(_WAIT, provider, capacity)
    return max(float(wait or 0.0), 0.001)


async def used(conn: asyncpg.Connection, provider: str) -> int:
    """Requests taken from the budget since it was created (all workers)."""
    value = await conn.fetchval("SELECT used_total FROM api_budget WHERE provider = $1", provider)
    return int(value or 0)
