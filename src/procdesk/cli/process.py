"""What the `procdesk` process sets up for itself before it loads anything else."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager

# pydantic's own switch (read by `pydantic.plugin._loader.get_plugins` each time a validator
# is built): "__all__" skips the plugin lookup, which otherwise walks the entry points of
# every installed distribution the first time a model validates, before the dashboard's
# first frame. procdesk uses no pydantic plugin.
PYDANTIC_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"


def prepare_process() -> None:
    """Skip pydantic's plugin lookup unless the user set `PYDANTIC_DISABLE_PLUGINS` (then
    their choice stands, e.g. a plugin they want). Child processes inherit the setting."""
    os.environ.setdefault(PYDANTIC_PLUGINS, "__all__")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while the dashboard loads and draws its
    first frame; the dashboard turns it back on once that frame is on screen (`ProcdeskApp`,
    when it owns the process), having frozen what it built, and leaving this block does in
    any case (a dashboard that never got to its first frame).

    The collector runs every 700 net allocations: loading the modules and building the
    screen allocate objects that nearly all live as long as the process, so its 200-odd
    passes before the first frame (about 40 ms) free next to nothing. Only for the
    dashboard: a command that ends or a worker that runs for days keeps the collector as
    Python sets it."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
