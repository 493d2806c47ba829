"""The service container: what every use case needs, passed in, never global.

The CLI and the dashboard build one `ServiceContext` per process (or per test) and hand it,
or its parts, to services' constructors. Tests pass a fixed `now` to control time.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from procdesk.config import Settings, current_actor
from procdesk.secrets import SecretStore
from procdesk.services.team_ledger import open_ledger
from procdesk.store.ledger import Ledger


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ServiceContext:
    settings: Settings
    ledger: Ledger
    secrets: SecretStore
    actor: str
    now: Callable[[], datetime] = field(default=utc_now)


@asynccontextmanager
async def open_context(
    settings: Settings,
    *,
    ledger_url: str | None = None,
    secrets: SecretStore | None = None,
    actor: str | None = None,
) -> AsyncIterator[ServiceContext]:
    """Open the ledger (`ledger_url` or `settings.ledger`) and close it afterwards.

    Raises `procdesk.store.ledger.LedgerError` (message with the URL masked) if it cannot open.
    """
    store = secrets or SecretStore()
    ledger = await open_ledger(ledger_url or settings.ledger, store)
    try:
        yield ServiceContext(
            settings=settings,
            ledger=ledger,
            secrets=store,
            actor=actor or current_actor(settings),
        )
    finally:
        await ledger.close()
