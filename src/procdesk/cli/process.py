"""What the `procdesk` process sets up for itself before it loads anything else."""

from __future__ import annotations

import os

# pydantic's own switch (read by `pydantic.plugin._loader.get_plugins` each time a validator
# is built): "__all__" skips the plugin lookup, which otherwise walks the entry points of
# every installed distribution the first time a model validates, before the dashboard's
# first frame. procdesk uses no pydantic plugin.
PYDANTIC_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"


def prepare_process() -> None:
    """Skip pydantic's plugin lookup unless the user set `PYDANTIC_DISABLE_PLUGINS` (then
    their choice stands, e.g. a plugin they want). Child processes inherit the setting."""
    os.environ.setdefault(PYDANTIC_PLUGINS, "__all__")
