"""The one rule for the ledger's password: never in the URL, whatever the URL came from.

The config file, `--ledger` and `PROCDESK_LEDGER` all refuse a URL that carries a password,
with the same words; the password belongs in the keyring (`procdesk auth ledger`) or in
libpq's password file.
"""

from __future__ import annotations

from urllib.parse import urlsplit

PASSWORD_IN_LEDGER_URL = (
    "the ledger URL carries a password, which would sit in plain text (config file, shell "
    "history, process list); leave it out of the URL and store it with `procdesk auth ledger` "
    "(or in ~/.pgpass)"
)


def has_password(url: str) -> bool:
    """Does this ledger URL (or SQLite path) carry a password?"""
    if "://" not in url:
        return False
    try:
        return bool(urlsplit(url).password)
    except ValueError:  # an unparsable netloc: the ledger opener says what is wrong
        return False


def refuse_password(url: str) -> str:
    """`url` unchanged; ValueError(PASSWORD_IN_LEDGER_URL) if it carries a password."""
    if has_password(url):
        raise ValueError(PASSWORD_IN_LEDGER_URL)
    return url
