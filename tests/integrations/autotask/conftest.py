"""An AutotaskClient pointed at the sandbox, with the sandbox's demo credentials."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from procdesk.integrations.autotask import AutotaskClient
from procdesk.sandbox.server import SandboxServer
from tests.support.autotask import demo_autotask_credentials, sandbox_autotask_root


@pytest.fixture
async def autotask_client(sandbox: SandboxServer) -> AsyncIterator[AutotaskClient]:
    """A client on the sandbox's REST root (configured, so no zone lookup is needed)."""
    async with AutotaskClient(
        demo_autotask_credentials(), base_url=sandbox_autotask_root(sandbox), timeout=10
    ) as client:
        yield client
