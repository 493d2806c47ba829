"""Opening the ledger with its password from the keyring (team mode on PostgreSQL).

The password of a PostgreSQL ledger never sits in the config file or in a URL that gets
logged: it is read from the keyring (`procdesk auth`-style entry "ledger:password", set with
`SecretStore().set("ledger", "password", ...)`), or, when the keyring has none, libpq's
password file (~/.pgpass or PGPASSFILE) is used by the driver itself.
"""

from __future__ import annotations

from pathlib import Path

from procdesk.secrets import KeyringUnavailableError, SecretStore
from procdesk.store.ledger import Ledger, to_async_url

LEDGER_SECRET = ("ledger", "password")


def ledger_password(url_or_path: str | Path, secrets: SecretStore) -> str | None:
    """The keyring's password for a PostgreSQL ledger; None for SQLite or when unset."""
    if to_async_url(url_or_path).get_backend_name() != "postgresql":
        return None
    try:
        return secrets.get(*LEDGER_SECRET)
    except KeyringUnavailableError:
        return None  # no keyring on this host: ~/.pgpass or trust authentication


async def open_ledger(url_or_path: str | Path, secrets: SecretStore) -> Ledger:
    """`Ledger.open` with the keyring's password; raises LedgerError (URL masked)."""
    return await Ledger.open(url_or_path, password=ledger_password(url_or_path, secrets))
