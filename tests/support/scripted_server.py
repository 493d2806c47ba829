"""A loopback HTTP server that answers whatever a test scripts next: for fuzzing how a
client reads malformed bodies over real HTTP (the sandbox answers only well-formed ones)."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


@dataclass
class Scripted:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    requests: list[str] = field(default_factory=list)
    # path -> (status, JSON body) answered instead of the script, e.g. a token endpoint, so
    # a client gets past its login to the calls being fuzzed
    fixed: dict[str, tuple[int, bytes]] = field(default_factory=dict)


class ScriptedServer:
    """uvicorn on 127.0.0.1 (a free port) in a daemon thread; `script` is the next answer."""

    def __init__(self) -> None:
        self.script = Scripted()

        async def answer(request: Request) -> Response:
            self.script.requests.append(f"{request.method} {request.url.path}")
            if request.url.path in self.script.fixed:
                status, body = self.script.fixed[request.url.path]
                return Response(body, status_code=status, media_type="application/json")
            no_body = self.script.status in (204, 304)  # HTTP forbids a body on these
            return Response(
                b"" if no_body else self.script.body,
                status_code=self.script.status,
                media_type=self.script.content_type,
            )

        app = Starlette(
            routes=[Route("/{path:path}", answer, methods=["GET", "POST", "PATCH", "DELETE"])]
        )
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self._server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ScriptedServer:
        self._thread.start()
        started = threading.Event()
        while not self._server.started:
            started.wait(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._socket.close()
