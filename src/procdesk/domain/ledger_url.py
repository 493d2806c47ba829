"""The ledger URL's rules: never a password in it, whatever the URL came from, and a URL
that can be read. The config file, `--ledger` and `PROCDESK_LEDGER` all refuse a URL that
breaks them, with the same words; the password belongs in the keyring (`procdesk auth
ledger`) or in libpq's password file. `without_secrets` is how any ledger URL is shown.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

PASSWORD_IN_LEDGER_URL = (
    "the ledger URL carries a password, which would sit in plain text (config file, shell "
    "history, process list); leave it out of the URL and store it with `procdesk auth ledger` "
    "(or in ~/.pgpass)"
)
# Query parameters that carry a secret (the driver takes `password` from the query as well
# as from the user part; `sslpassword` unlocks the client's TLS key).
SECRET_PARAMETERS = frozenset({"password", "sslpassword"})
SCHEMES = frozenset({"postgresql", "postgres", "sqlite"})
_USER_PASSWORD = re.compile(r"(://[^/?#@:]*):[^/?#@]*@")
_SECRET_PARAMETER = re.compile(r"(?i)([?&](?:ssl)?password=)[^&#]*")


def ledger_url_problem(url: str) -> str | None:
    """Why this ledger URL cannot be used, or None. A SQLite path (no `://`) is never
    refused here: opening it says what is wrong with the file."""
    if "://" not in url:
        return None
    try:
        parts = urlsplit(url)
        port = parts.port  # (reading it checks it: a whole number up to 65535)
        password = parts.password
    except ValueError as exc:
        return f"the ledger URL cannot be read ({exc}); expected postgresql://user@host:port/db"
    if password or any(
        name.lower() in SECRET_PARAMETERS for name, _ in parse_qsl(parts.query, True)
    ):
        return PASSWORD_IN_LEDGER_URL
    scheme = parts.scheme.lower().split("+", 1)[0]
    if scheme not in SCHEMES:
        return f"unsupported ledger URL scheme {parts.scheme!r}: use a SQLite path or postgresql://"
    if port == 0:
        return "the ledger URL's port is 0; expected a port from 1 to 65535"
    return None


def check_ledger_url(url: str) -> str:
    """`url` unchanged; ValueError with the reason if `ledger_url_problem` finds one."""
    problem = ledger_url_problem(url)
    if problem is not None:
        raise ValueError(problem)
    return url


def without_secrets(url: str) -> str:
    """The URL as a message or log may show it: a password in its user part or its query
    replaced by ***; a SQLite path (no `://`) as it is. Read by patterns, not parsed: an
    unreadable URL is masked too."""
    if "://" not in url:
        return url
    return _SECRET_PARAMETER.sub(r"\1***", _USER_PASSWORD.sub(r"\1:***@", url, count=1))
