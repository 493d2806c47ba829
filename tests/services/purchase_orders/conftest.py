"""The purchase-order world: ledger, sandbox Autotask and Ingram, and every loop."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import SecretStore
from procdesk.store.ledger import Ledger
from tests.support.purchase_orders import PoWorld


@pytest.fixture
async def world(
    ledger: Ledger, sandbox: SandboxServer, secrets: SecretStore
) -> AsyncIterator[PoWorld]:
    env = PoWorld.build(ledger, sandbox, secrets)
    try:
        yield env
    finally:
        await env.close()
