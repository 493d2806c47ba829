"""The `PROCDESK_<SECTION>__<KEY>` environment variables that override config keys.

pydantic-settings reads them (names in any case; a list or table written as JSON), but it
loads its every source (cloud vaults, dotenv, a CLI parser) and pydantic's plugin registry
when imported: about a tenth of a second before the dashboard's first frame. So it is
imported only when a variable names a config key, which most starts have none of.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from procdesk.config.errors import ConfigError
from procdesk.config.settings import ENV_NESTED_DELIMITER, ENV_PREFIX, Settings


def names_a_key(name: str) -> bool:
    """`PROCDESK_LEDGER`, `PROCDESK_AUTOTASK__USERNAME` (any case); not `PROCDESK_HOME`."""
    lowered = name.lower()
    prefix = ENV_PREFIX.lower()
    if not lowered.startswith(prefix):
        return False
    field = lowered[len(prefix) :].split(ENV_NESTED_DELIMITER.lower(), 1)[0]
    return field in Settings.model_fields


def environment_values(environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """The config keys the environment sets, nested as in the file (`{"autotask":
    {"username": ...}}`); raises ConfigError for a value pydantic-settings cannot decode."""
    if not any(names_a_key(name) for name in environ):
        return {}
    from pydantic_settings import EnvSettingsSource, SettingsError

    # Settings is a plain model (no pydantic-settings at import): the source reads only its
    # fields and the prefix and delimiter passed here.
    source = EnvSettingsSource(
        Settings,  # type: ignore[arg-type]
        case_sensitive=False,
        env_prefix=ENV_PREFIX,
        env_nested_delimiter=ENV_NESTED_DELIMITER,
    )
    try:
        return source()
    except SettingsError as exc:
        raise ConfigError(
            f"invalid configuration in the environment: {exc} (a list or a table set by a "
            f"{ENV_PREFIX}* variable is written as JSON, e.g. "
            f'{ENV_PREFIX}KEYS=\'{{"app.quit": "ctrl+q"}}\')'
        ) from None


def overlay(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """`base` with `over` laid on it, tables merged key by key (an environment variable
    changes one key of a section the file sets, not the whole section)."""
    merged = dict(base)
    for key, value in over.items():
        below = merged.get(key)
        if isinstance(below, dict) and isinstance(value, Mapping):
            merged[key] = overlay(below, value)
        else:
            merged[key] = value
    return merged
