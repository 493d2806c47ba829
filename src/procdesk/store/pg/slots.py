"""Per-endpoint request slots as PostgreSQL advisory locks, shared by every worker.

Slot i of endpoint E is the session lock (key(E), i). A request holds one slot while it
runs; the server frees a dead worker's slots when its connection drops, so a SIGKILLed
worker never leaves a slot taken. Giving a slot back also notifies `CHANNEL` with the key,
so a worker waiting for one can try again at once instead of at its next poll.
"""

from __future__ import annotations

import zlib

import asyncpg

CHANNEL = "procdesk_slots"


def endpoint_key(provider: str, entity: str) -> int:
    """A stable signed 32-bit key for `provider`/`entity` (entity is case-insensitive)."""
    value = zlib.crc32(f"{provider}:{entity.lower()}".encode())
    return value - 2**32 if value >= 2**31 else value


def _try_any_sql(slots: int) -> str:
    # CASE evaluates its branches in order and stops at the first true one, so at most one
    # lock is taken per call.
    branches = " ".join(f"WHEN pg_try_advisory_lock($1, {i}) THEN {i}" for i in range(slots))
    return f"SELECT CASE {branches} END"


async def try_take(conn: asyncpg.Connection, key: int, slots: int) -> int | None:
    """Take a free slot of `key` in this session; its number, or None if all are busy."""
    taken = await conn.fetchval(_try_any_sql(slots), key)
    return None if taken is None else int(taken)


async def give_back(conn: asyncpg.Connection, key: int, slot: int) -> None:
    await conn.execute(
        f"SELECT pg_advisory_unlock($1, $2), pg_notify('{CHANNEL}', $1::text)", key, slot
    )


async def held(conn: asyncpg.Connection, key: int) -> int:
    """How many slots of `key` are held right now, by any session on this database
    (advisory locks are per database; another ledger on the same server has its own)."""
    count = await conn.fetchval(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
        "AND classid = $1::bigint::oid AND objsubid = 2 "
        "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        key & 0xFFFFFFFF,
    )
    return int(count)
