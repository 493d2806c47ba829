"""An AutotaskClient pointed at the sandbox, with the sandbox's demo credentials."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from procdesk.integrations.autotask import AutotaskClient
from procdesk.integrations.autotask.procurement import AutotaskProcurementClient
from procdesk.sandbox.server import SandboxServer
from tests.support.autotask import demo_autotask_credentials, sandbox_autotask_root


@pytest.fixture
async def autotask_client(sandbox: SandboxServer) -> AsyncIterator[AutotaskClient]:
    """A client on the sandbox's REST root (configured, so no zone lookup is needed)."""
    async with AutotaskClient(
        demo_autotask_credentials(), base_url=sandbox_autotask_root(sandbox), timeout=10
    ) as client:
        yield client


@pytest.fixture
async def procurement_client(sandbox: SandboxServer) -> AsyncIterator[AutotaskProcurementClient]:
    """The procurement client on the sandbox's REST root, with the demo credentials."""
    async with AutotaskProcurementClient(
        demo_autotask_credentials(), base_url=sandbox_autotask_root(sandbox), timeout=10
    ) as client:
        yield client
