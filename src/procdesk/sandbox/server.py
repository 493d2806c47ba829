"""Running the sandbox: in a background thread (tests, demo, benchmarks) or in the foreground."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType

import uvicorn

from procdesk.sandbox.app import create_app
from procdesk.sandbox.config import SandboxConfig
from procdesk.sandbox.connections import protocol_class
from procdesk.sandbox.runtime import SandboxRuntime
from procdesk.sandbox.urls import provider_base_urls

STARTUP_TIMEOUT_S = 10.0


def _uvicorn_server(config: SandboxConfig) -> tuple[uvicorn.Server, SandboxRuntime]:
    app = create_app(config)
    runtime: SandboxRuntime = app.state.runtime
    server_config = uvicorn.Config(
        app,
        host=config.host,
        port=config.port,
        http=protocol_class(runtime.connections),
        lifespan="off",
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=1,
    )
    return uvicorn.Server(server_config), runtime


def listening_socket(config: SandboxConfig) -> socket.socket:
    """The bound socket to serve on; OSError when the address is taken."""
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets whose proto says TCP,
    # and without it every response waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((config.host, config.port))
    except OSError:
        sock.close()
        raise
    return sock


class SandboxServer:
    """uvicorn on `config.host` and `config.port` (0: a free port) in a daemon thread."""

    def __init__(self, config: SandboxConfig | None = None) -> None:
        self.config = config or SandboxConfig(port=0)
        self._server, self.runtime = _uvicorn_server(self.config)
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    @property
    def port(self) -> int:
        if self._socket is None:
            raise RuntimeError("the sandbox is not running")
        return int(self._socket.getsockname()[1])

    @property
    def base_url(self) -> str:
        return f"http://{self.config.host}:{self.port}"

    @property
    def provider_urls(self) -> dict[str, str]:
        return provider_base_urls(self.base_url)

    def start(self) -> SandboxServer:
        sock = listening_socket(self.config)
        self._socket = sock
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [sock]},
            name="procdesk-sandbox",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the sandbox server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join()
        self._thread = None
        if self._socket is not None:
            self._socket.close()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def run_forever(config: SandboxConfig, announce: Callable[[], None] | None = None) -> None:
    """Bind (OSError if the address is taken), call `announce`, serve until Ctrl-C."""
    server, _ = _uvicorn_server(config)
    sock = listening_socket(config)
    if announce is not None:
        announce()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
