"""procdesk's configuration: TOML file + PROCDESK_* environment, no secrets ever.

settings = load_settings()      # raises ConfigError (message names each bad key)
actor = current_actor(settings)
"""

from procdesk.config.edit import known_keys, set_value
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
