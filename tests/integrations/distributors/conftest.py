"""Until tests/fixtures/sandbox.py lands: a session sandbox, reset before each test."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from procdesk.sandbox.server import SandboxServer


@pytest.fixture(scope="session")
def _sandbox_server() -> Iterator[SandboxServer]:
    with SandboxServer() as server:
        yield server


@pytest.fixture
def sandbox(_sandbox_server: SandboxServer) -> SandboxServer:
    httpx.post(f"{_sandbox_server.base_url}/_sandbox/reset").raise_for_status()
    return _sandbox_server
