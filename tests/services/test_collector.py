"""The collector is paused only within the block, and left as the block found it."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

import pytest

from procdesk.services.collector import collector_paused


@pytest.fixture
def collector_restored() -> Iterator[None]:
    was_on = gc.isenabled()
    yield
    if was_on:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.usefixtures("collector_restored")
@pytest.mark.parametrize("on_before", [True, False])
def test_the_block_leaves_the_collector_as_it_found_it(on_before: bool) -> None:
    (gc.enable if on_before else gc.disable)()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled() is on_before


@pytest.mark.usefixtures("collector_restored")
def test_a_block_that_raises_turns_the_collector_back_on() -> None:
    gc.enable()
    with contextlib.suppress(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("no first frame")  # e.g. a dashboard that never drew one
    assert gc.isenabled()
