"""procdesk's configuration: TOML file + PROCDESK_* environment, no secrets ever.

settings = load_settings()      # raises ConfigError (message names each bad key)
actor = current_actor(settings)
"""

from typing import TYPE_CHECKING

from procdesk.config.errors import ConfigError
from procdesk.config.load import current_actor, flatten, load_settings, sources
from procdesk.config.paths import (
    config_dir,
    config_file,
    data_dir,
    logs_dir,
    prepare_private_file,
)
from procdesk.config.settings import Settings

if TYPE_CHECKING:
    from procdesk.config.edit import known_keys, set_value

# Editing the file (tomlkit, which keeps its comments) loads on first use: reading settings,
# as every start does, needs only the standard library's TOML reader.
_LAZY = {"known_keys", "set_value"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from procdesk.config import edit

        return getattr(edit, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ConfigError",
    "Settings",
    "config_dir",
    "config_file",
    "current_actor",
    "data_dir",
    "flatten",
    "known_keys",
    "load_settings",
    "logs_dir",
    "prepare_private_file",
    "set_value",
    "sources",
]
