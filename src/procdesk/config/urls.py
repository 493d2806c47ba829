"""Provider URLs in the config: checked per provider before any client uses them.

Every provider URL is https (plain http only on this machine, for the sandbox), carries no
user name, password, query or fragment; Autotask's is the REST root, ending in
`/atservicesrest`, which every API path is appended to.
"""

from __future__ import annotations

from urllib.parse import urlsplit

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
AUTOTASK_ROOT_SUFFIX = "/atservicesrest"


def provider_url(value: str) -> str:
    """A provider's base URL, or ValueError saying what is wrong with it."""
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"not a valid URL ({exc})") from None
    host = parts.hostname or ""
    if parts.scheme not in ("https", "http") or not host:
        raise ValueError("expected an https:// URL with a host name")
    if parts.scheme == "http" and host not in LOOPBACK_HOSTS:
        raise ValueError("expected https:// (plain http is allowed only for 127.0.0.1/localhost)")
    if parts.username or parts.password:
        raise ValueError("a URL must not carry a user name or password (use `procdesk auth`)")
    if parts.query or parts.fragment:
        raise ValueError("expected a base URL without ?query or #fragment")
    if port == 0:
        raise ValueError("port 0 is not a valid port")
    return value


def autotask_root(value: str) -> str:
    """Autotask's REST root: a provider URL whose path ends in /atservicesrest."""
    provider_url(value)
    if not urlsplit(value).path.rstrip("/").endswith(AUTOTASK_ROOT_SUFFIX):
        raise ValueError(
            "expected the REST root ending in /atservicesrest, like "
            "https://webservices5.autotask.net/atservicesrest (or leave it unset: it is "
            "found by zone lookup)"
        )
    return value
