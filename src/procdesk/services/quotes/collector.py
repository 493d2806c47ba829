"""Python's cyclic garbage collector, paused while an import runs.

An import makes millions of small objects that live until it ends (the parsed file, the
validated quotes, the rows of a batch): each full collection walks all of them, and a 20 MB
file cost about 1.3 s of collections that freed nothing. The objects an import makes are
freed by reference counting when it ends; the collector runs again from then on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection within the block. Nested or concurrent blocks are fine: only
    the block that found the collector running turns it back on (a later block may then
    run with it on: slower, never wrong)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
