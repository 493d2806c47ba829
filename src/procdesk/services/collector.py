"""Python's cyclic garbage collector, paused while a burst of long-lived objects is made.

The collector runs a pass every 700 net allocations. A quote import (the parsed file, the
validated quotes, the rows of a batch) and the dashboard's start (modules, widgets,
styles) make objects that nearly all live until the work ends or as long as the process:
their passes walk them and free next to nothing (about 1.3 s of a 20 MB import, about
40 ms before the dashboard's first frame). What such work makes is freed by reference
counting; the collector runs again once it is over.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection within the block, unless something inside turns it back on
    (the dashboard does, at its first frame). Nested or concurrent blocks are fine: only
    the block that found the collector running turns it back on (a later block may then
    run with it on: slower, never wrong)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
