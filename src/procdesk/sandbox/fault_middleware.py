"""Applies the fault plan to provider requests: latency, 500, 429, reset, timeout-after-effect."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from procdesk.sandbox.connections import ARRIVED, ConnectionRegistry
from procdesk.sandbox.fault_bodies import error_body, error_media_type
from procdesk.sandbox.faults import FaultKind, FaultPlan, FaultRule
from procdesk.sandbox.providers import provider_of


async def _until_disconnect(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


# How late asyncio's timer may wake: the selector waits in whole milliseconds, rounded up
# (on average 0.6 ms beyond a 50 ms sleep on a 2-core machine, answers included in every
# emulated latency).
TIMER_SLACK = 0.001


async def _client_stays(receive: Receive, seconds: float) -> bool:
    """Wait `seconds`, neither less nor (by more than a loop turn) more; False as soon as
    the client goes away (it gave up waiting).

    The timer is set to wake TIMER_SLACK early and the last stretch is waited out in loop
    turns, so an emulated latency is the figure configured, not that plus the timer's
    rounding. When the time is up this returns at once: the watch for a disconnect is
    cancelled, not waited for (`asyncio.wait_for` would spend loop turns on that before
    the answer)."""
    if seconds <= 0:
        return True
    deadline = time.monotonic() + seconds
    watch = asyncio.ensure_future(_until_disconnect(receive))
    try:
        if seconds > TIMER_SLACK:
            await asyncio.wait((watch,), timeout=seconds - TIMER_SLACK)
        while time.monotonic() < deadline:  # less than the timer can wait for
            if watch.done():
                return False
            await asyncio.sleep(0)
        return not watch.done()
    finally:
        watch.cancel()


def _delayed(send: Send, receive: Receive, latency_ms: int, arrived: float) -> Send:
    """`send` whose first message goes out `latency_ms` after the request arrived
    (`arrived`, on `time.monotonic()`): the handler has run, its answer is slow (so the
    request keeps its place in any concurrency limit meanwhile). The sandbox's own time
    (parsing, routing, the handler) counts toward the latency, so the configured figure is
    the round trip a client sees. If the client gives up meanwhile, the answer is dropped."""
    if not latency_ms:
        return send
    state = {"started": False, "gone": False}

    async def delayed_send(message: Message) -> None:
        if not state["started"]:
            state["started"] = True
            remaining = latency_ms / 1000 - (time.monotonic() - arrived)
            state["gone"] = not await _client_stays(receive, remaining)
        if not state["gone"]:
            await send(message)

    return delayed_send


async def _discard(message: Message) -> None:
    """The response of a timed-out call: never sent."""


async def _read_body(receive: Receive) -> tuple[bytes, Receive]:
    """The whole request body, and a `receive` that hands it to the app as if unread."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"", receive  # the client went away before it finished sending
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return body, replay


def _utc_now() -> datetime:
    return datetime.now(UTC)


class FaultMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        plan: Callable[[], FaultPlan],
        connections: ConnectionRegistry,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.app = app
        self.plan = plan
        self.connections = connections
        self.clock = clock  # the sandbox's: a rule's `until` is on its time

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        arrived = scope.get(ARRIVED) or time.monotonic()
        provider = provider_of(scope["path"]) if scope["type"] == "http" else None
        if provider is None:
            await self.app(scope, receive, send)
            return
        plan = self.plan()
        body = b""
        if plan.needs_body(provider, scope["method"], scope["path"]):
            body, receive = await _read_body(receive)
        decision = plan.decide(
            provider, scope["method"], scope["path"], body=body, now=self.clock()
        )
        fault = decision.fault
        if fault is not None and fault.kind is FaultKind.RESET:
            await self._drop(scope, receive)
            return
        if fault is None:
            await self.app(scope, receive, _delayed(send, receive, decision.latency_ms, arrived))
        elif fault.kind is FaultKind.TIMEOUT_AFTER_EFFECT:
            await self._timeout_after_effect(fault, scope, receive)
        else:
            if await _client_stays(receive, decision.latency_ms / 1000):
                await self._error(fault, provider, send)

    async def _drop(self, scope: Scope, receive: Receive) -> None:
        self.connections.abort(scope.get("client"))
        await _until_disconnect(receive)

    async def _error(self, fault: FaultRule, provider: str, send: Send) -> None:
        status = 500 if fault.kind is FaultKind.ERROR_500 else 429
        body = error_body(provider, status)
        headers = [
            (b"content-type", error_media_type(provider).encode()),
            (b"content-length", b"%d" % len(body)),
        ]
        if status == 429:
            headers.append((b"retry-after", str(fault.retry_after_s).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _timeout_after_effect(self, fault: FaultRule, scope: Scope, receive: Receive) -> None:
        """Run the handler (its effect is committed), keep its response, hold the connection
        until the client gives up or `hold_s` passes, then drop it unanswered."""
        await self.app(scope, receive, _discard)
        if await _client_stays(receive, fault.hold_s):
            await self._drop(scope, receive)
