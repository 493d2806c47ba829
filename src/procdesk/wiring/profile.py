"""Secrets per profile, and the ledger: its password in the keyring, and opening it."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from procdesk.config import (
    config_file,
)
from procdesk.config.paths import demo_pid, is_default_home
from procdesk.secrets import KeyringUnavailableError, Profile, SecretStore
from procdesk.store.first_read import current_sqlite_file
from procdesk.store.ledger import Ledger, MigrateMode, to_async_url

if TYPE_CHECKING:
    import keyring.backend

# ---- secrets: one namespace per profile --------------------------------------------------


def current_profile() -> Profile:
    """The profile of this process: its config file (PROCDESK_HOME / PROCDESK_CONFIG)."""
    return Profile(
        str(config_file().expanduser().resolve()),
        default=is_default_home(),
        demo_pid=demo_pid(),
    )


def secret_store(backend: keyring.backend.KeyringBackend | None = None) -> SecretStore:
    """The keyring (the configured backend, or `backend`) for this process's profile."""
    return SecretStore(backend, profile=current_profile())


def ledger_secret(url_or_path: str | Path) -> tuple[str, str]:
    """The keyring entry of a PostgreSQL ledger's password, named for what it unlocks:
    ("ledger:<user>@<host>:<port>/<database>", "password")."""
    url = to_async_url(url_or_path)
    target = f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database}"
    return (f"ledger:{target}", "password")


def ledger_password(url_or_path: str | Path, secrets: SecretStore) -> str | None:
    """The keyring's password for a PostgreSQL ledger; None for SQLite or when unset (then
    libpq's password file, ~/.pgpass or PGPASSFILE, or trust authentication applies)."""
    if to_async_url(url_or_path).get_backend_name() != "postgresql":
        return None
    entry = ledger_secret(url_or_path)
    try:
        return secrets.get(*entry)  # adopts the one entry of before profiles, once
    except KeyringUnavailableError:
        return None


def store_ledger_password(secrets: SecretStore, url_or_path: str | Path, password: str) -> None:
    secrets.set(*ledger_secret(url_or_path), password)


# ---- the ledger ------------------------------------------------------------------------


async def open_ledger(
    url_or_path: str | Path,
    secrets: SecretStore,
    *,
    migrate: MigrateMode = "auto",
    later: bool = False,
) -> Ledger:
    """`Ledger.open` with the keyring's password; raises LedgerError (URL masked).

    `later`: a SQLite file (a path, not a URL) that is at this code's revision, checked
    with sqlite3, opens on its first use instead (`Ledger.later`): the dashboard shows its
    first frame before SQLAlchemy loads. Any other ledger opens now, as without it."""
    if later and migrate == "auto":
        path = await asyncio.to_thread(current_sqlite_file, url_or_path)
        if path is not None:
            return Ledger.later(path)
    return await Ledger.open(
        url_or_path, password=ledger_password(url_or_path, secrets), migrate=migrate
    )
