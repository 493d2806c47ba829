"""The sandbox's own tests: raw HTTP clients on the Autotask emulator and on the distributor
emulators, which run apart from the full sandbox (one uvicorn server per test session,
mounted as the core mounts them, /ingram and /tdsynnex; every test starts from reset state
and a reset clock)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.routing import Mount

from procdesk.sandbox import ingram, tdsynnex
from procdesk.sandbox.clock import SandboxClock
from procdesk.sandbox.server import SandboxServer
from tests.support.distributor_sandbox import SEED, DistributorServer
from tests.support.procurement_sandbox import PoSandbox, picklist
from tests.support.sandbox import AUTOTASK_ROOT, autotask_headers
from tests.support.synnexxml import XmlApi


@pytest.fixture(scope="session")
def _autotask_client(sandbox_server: SandboxServer) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=f"{sandbox_server.base_url}{AUTOTASK_ROOT}",
        headers=autotask_headers(),
        timeout=10,
    ) as client:
        yield client


@pytest.fixture
def control(sandbox: SandboxServer, _control_client: httpx.Client) -> httpx.Client:
    """A client for `/_sandbox/...`."""
    return _control_client


@pytest.fixture
def autotask(sandbox: SandboxServer, _autotask_client: httpx.Client) -> httpx.Client:
    """An authenticated client rooted at the Autotask REST API (`.../atservicesrest/v1.0`)."""
    return _autotask_client


@pytest.fixture(scope="session")
def distributor_server() -> Iterator[DistributorServer]:
    clock = SandboxClock()
    ingram_app = ingram.create_app(clock, SEED)
    tdsynnex_app = tdsynnex.create_app(clock, SEED)
    app = Starlette(routes=[Mount("/ingram", ingram_app), Mount("/tdsynnex", tdsynnex_app)])
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the distributor sandbox did not start")
        time.sleep(0.01)
    try:
        yield DistributorServer(
            root_url=f"http://127.0.0.1:{port}",
            clock=clock,
            ingram=ingram_app.state.sandbox,
            tdsynnex=tdsynnex_app.state.sandbox,
        )
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture
def distributors(distributor_server: DistributorServer) -> DistributorServer:
    distributor_server.reset()
    return distributor_server


@pytest.fixture
async def ingram_http(distributors: DistributorServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=distributors.ingram_url) as client:
        yield client


@pytest.fixture
async def tdsynnex_http(distributors: DistributorServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=distributors.tdsynnex_url) as client:
        yield client


@pytest.fixture
def po_sandbox(autotask: httpx.Client) -> PoSandbox:
    """Short-hands for purchase orders, items and receipts, with picklists read at run time."""
    return PoSandbox(
        http=autotask,
        po_status=picklist(autotask, "PurchaseOrders", "status"),
        charge_status=picklist(autotask, "TicketCharges", "status"),
    )


@pytest.fixture(scope="session")
def _xml_http(sandbox_server: SandboxServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox_server.base_url, timeout=10) as client:
        yield client


@pytest.fixture
def xml_api(sandbox: SandboxServer, _xml_http: httpx.Client) -> XmlApi:
    """The XML interface of a sandbox back on its demo data and real time."""
    return XmlApi(_xml_http)
