"""A fresh demo world for each story (no synthetic history: the stories are on the demo's
own quotes), after one worker cycle has met the problems."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from procdesk.demo.environment import DemoEnvironment, DemoWorld
from tests.support.demo import cycle


@pytest.fixture
async def world() -> AsyncIterator[DemoWorld]:
    async with DemoEnvironment(rows=0) as running_world:
        await cycle(running_world)
        yield running_world
