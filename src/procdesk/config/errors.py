"""Config errors: each message names the key and what was expected."""

from __future__ import annotations

from procdesk.domain.ledger_url import without_secrets


class ConfigError(Exception):
    """The config file or a PROCDESK_* variable is unreadable or invalid (exit code 2)."""


def shown(value: str) -> str:
    """A config value as it may appear in a message: a URL's password replaced by ***."""
    return without_secrets(value)
