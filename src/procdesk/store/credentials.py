"""The credentials table: per provider, the non-secret account and whether it works.

Secrets never come here; they live in the OS keyring (procdesk.secrets).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.credential import CredentialRecord
from procdesk.domain.enums import CredentialState, Provider
from procdesk.store.schema import credentials


async def get(conn: AsyncConnection, provider: Provider) -> CredentialRecord | None:
    row = (
        await conn.execute(sa.select(credentials).where(credentials.c.provider == provider.value))
    ).first()
    return CredentialRecord.model_validate(row._mapping) if row else None


async def list_all(conn: AsyncConnection) -> list[CredentialRecord]:
    rows = await conn.execute(sa.select(credentials).order_by(credentials.c.provider))
    return [CredentialRecord.model_validate(r._mapping) for r in rows]


async def put(
    conn: AsyncConnection,
    provider: Provider,
    *,
    state: CredentialState,
    now: datetime,
    account: str | None = None,
    last_error: str | None = None,
    verified: bool = False,
    token_expires_at: datetime | None = None,
    refresh_expires_at: datetime | None = None,
) -> None:
    """Insert or update the provider's row; `account` and expiries are kept unless given."""
    values: dict[str, Any] = {"state": state.value, "last_error": last_error, "updated_at": now}
    if account is not None:
        values["account"] = account
    if verified:
        values["last_verified_at"] = now
    if token_expires_at is not None:
        values["token_expires_at"] = token_expires_at
    if refresh_expires_at is not None:
        values["refresh_expires_at"] = refresh_expires_at
    updated = await conn.execute(
        credentials.update().where(credentials.c.provider == provider.value).values(**values)
    )
    if not updated.rowcount:
        await conn.execute(credentials.insert().values(provider=provider.value, **values))
