"""Config errors: each message names the key and what was expected."""

from __future__ import annotations


class ConfigError(Exception):
    """The config file or a PROCDESK_* variable is unreadable or invalid (exit code 2)."""
