"""Where a request slot's cycle goes, for the bare client and for one worker.

    python benchmarks/sync_timing.py [--latency-ms 50] [--charges 1000] [--bare 300]

At 3 in flight no client beats 3 / latency; each slot cycle is the sandbox's latency plus:
  wire out      client starts writing the request -> the sandbox's protocol receives it
  sandbox over  the sandbox's time beyond the latency, of which
                  parse: its protocol received the bytes -> the app is called
                  answer late: the answer starts later than received + latency (timer)
                  writing: the answer's head and body written
  answer read   the sandbox wrote the last byte -> the client's task has read the headers
                (loopback, plus the time the answer waits for the client's event loop)
  body, release headers read -> the slot given back
  gap           the slot given back -> the next request on it starts going out
  acquire->write  a request's slot taken -> it starts going out (the first three
                include connecting and the turn that starts every task: see the median)
Both sides stamp CLOCK_MONOTONIC, which processes on one machine share. The sandbox here
runs in a child process with a timing layer around the app (not the product's code path
for stamping, the same app and middleware for everything else). It also prints the event
loop's busy fraction (time outside select) in the client's process, how long its turns
run, and the loop turns a request's path takes (each turn: a wait behind other work).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import httpx
from charge_sync_common import (
    BARE_CHARGE,
    ROOT,
    add_pending,
    bare_client,
    charge_loop,
    free_port,
    open_ledger,
    serving,
)

from procdesk.integrations.autotask import AutotaskClient

SEQ = "x-timing-seq"


# --- the sandbox side (child process) -------------------------------------------------


def serve(port: int, latency_ms: int) -> None:
    import uvicorn

    from procdesk.sandbox.app import create_app
    from procdesk.sandbox.config import SandboxConfig
    from procdesk.sandbox.connections import protocol_class
    from procdesk.sandbox.server import listening_socket

    config = SandboxConfig(port=port, latency_ms=latency_ms, seed=1)
    app = create_app(config)
    runtime = app.state.runtime
    received: dict[Any, float] = {}
    records: list[dict[str, Any]] = []
    base = protocol_class(runtime.connections)

    class Stamping(base):  # type: ignore[misc,valid-type]
        def data_received(self, data: bytes) -> None:
            received[self.client] = time.monotonic()
            super().data_received(data)

    async def timed(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == "/_timing":
            body = json.dumps(records).encode()
            records.clear()
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": body})
            return
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        if LoopMeter.current is None:
            LoopMeter().__enter__()  # counts the sandbox loop's turns from here on
        seq = dict(scope["headers"]).get(SEQ.encode())
        client = tuple(scope["client"]) if scope.get("client") else None
        record = {"seq": seq.decode() if seq else None, "asgi": time.monotonic()}
        record["it:asgi"] = iteration()
        record["data"] = received.get(client, record["asgi"])

        async def stamped(message: Any) -> None:
            if message["type"] == "http.response.start":
                record["start"] = time.monotonic()
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                record["end"] = time.monotonic()
                record["it:end"] = iteration()

        await app(scope, receive, stamped)
        if record["seq"] is not None:
            records.append(record)

    server = uvicorn.Server(
        uvicorn.Config(timed, http=Stamping, lifespan="off", log_level="warning")
    )
    server.run(sockets=[listening_socket(config)])


# --- the client side ------------------------------------------------------------------


class LoopMeter:
    """Time the event loop spends outside select() (busy) over a window, and its
    iterations (select calls), to count how often a request's path yields to the loop."""

    current: LoopMeter | None = None

    def __init__(self) -> None:
        loop = asyncio.get_running_loop()
        self._selector = loop._selector  # type: ignore[attr-defined]
        self._select = self._selector.select
        self.idle = 0.0
        self.started = 0.0
        self.iterations = 0
        self.turns: list[float] = []
        self._woke = 0.0
        LoopMeter.current = self

    def __enter__(self) -> LoopMeter:
        select = self._select

        def timed_select(timeout: float | None = None) -> Any:
            t = time.perf_counter()
            if self._woke:
                self.turns.append(t - self._woke)  # the last turn's callbacks
            self.iterations += 1
            try:
                return select(timeout)
            finally:
                self._woke = time.perf_counter()
                self.idle += self._woke - t

        self._selector.select = timed_select
        self.started = time.perf_counter()
        return self

    def __exit__(self, *_: object) -> None:
        self.elapsed = time.perf_counter() - self.started
        self._selector.select = self._select

    @property
    def busy(self) -> float:
        return 1 - self.idle / self.elapsed

    def turn_report(self) -> str:
        """How long the loop's turns run: a response that becomes readable during a turn
        waits for the rest of it (and the next turn's callbacks queued before its own)."""
        turns = sorted(1000 * t for t in self.turns)
        busy = sum(turns)
        long = sum(t for t in turns if t >= 2)
        p95 = turns[int(0.95 * len(turns))]
        return (
            f"  loop turns: {len(turns)}, p95 {p95:.2f} ms, max {turns[-1]:.1f} ms; "
            f"{long / busy:.0%} of the busy time in turns of 2 ms or more"
        )


def iteration() -> int:
    return LoopMeter.current.iterations if LoopMeter.current else 0


class Stamps:
    """Per request (by the sequence number it carries in SEQ): event -> monotonic time,
    with the gate's acquire and release, and the loop turn (`it:` events) of each."""

    def __init__(self) -> None:
        self.events: dict[str, dict[str, float]] = {}
        self.released: list[float] = []
        self._seq = itertools.count()
        self.by_task: dict[Any, float] = {}
        self.task_seq: dict[Any, str] = {}
        self.it_by_task: dict[Any, int] = {}

    def instrument(self, client: AutotaskClient) -> None:
        session = client._session
        gate = session._gate
        stamps = self

        class TimedGate:
            @asynccontextmanager
            async def _slot(self, entity: str) -> AsyncIterator[None]:
                async with gate.slot(entity):
                    now = time.monotonic()
                    stamps.by_task[asyncio.current_task()] = now
                    stamps.it_by_task[asyncio.current_task()] = iteration()
                    try:
                        yield
                    finally:
                        now = time.monotonic()
                        stamps.released.append(now)
                        seq = stamps.task_seq.pop(asyncio.current_task(), None)
                        if seq is not None:
                            stamps.events[seq]["released"] = now
                            stamps.events[seq]["it:released"] = iteration()

            def slot(self, entity: str) -> Any:
                return self._slot(entity)

        session._gate = TimedGate()

        async def hook(request: httpx.Request) -> None:
            seq = str(next(self._seq))
            request.headers[SEQ] = seq
            events = self.events.setdefault(seq, {})
            events["acquired"] = self.by_task.get(asyncio.current_task(), 0.0)
            events["it:acquired"] = self.it_by_task.get(asyncio.current_task(), 0)
            self.task_seq[asyncio.current_task()] = seq

            inner = request.extensions.get("trace")  # the session's own, if any

            async def trace(name: str, info: Any) -> None:
                events[name.removeprefix("http11.")] = time.monotonic()
                events["it:" + name.removeprefix("http11.")] = iteration()
                if inner is not None:
                    await inner(name, info)

            request.extensions["trace"] = trace

        session._http.event_hooks["request"].append(hook)


def summary(label: str, values: list[float]) -> str:
    if not values:
        return f"  {label:<16} n/a"
    ms = sorted(1000 * v for v in values)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    mean, median = statistics.fmean(ms), statistics.median(ms)
    return f"  {label:<16} mean {mean:6.2f}  median {median:6.2f}  p95 {p95:6.2f} ms"


def report(title: str, stamps: Stamps, records: list[dict[str, Any]], latency_ms: int) -> None:
    by_seq = {r["seq"]: r for r in records}
    wire, over, parse, late, write, read = [], [], [], [], [], []
    for seq, ev in stamps.events.items():
        r = by_seq.get(seq)
        if r is None or "end" not in r or "send_request_headers.started" not in ev:
            continue
        wire.append(r["data"] - ev["send_request_headers.started"])
        over.append(r["end"] - r["data"] - latency_ms / 1000)
        parse.append(r["asgi"] - r["data"])
        late.append(r["start"] - r["data"] - latency_ms / 1000)
        write.append(r["end"] - r["start"])
        read.append(ev["receive_response_headers.complete"] - r["end"])
    sends = sorted(ev["send_request_headers.started"] for ev in stamps.events.values())
    released = sorted(stamps.released)
    gaps = [s - r for r, s in zip(released, sends[3:], strict=False)]

    def between(a: str, b: str) -> list[float]:
        """Per request, event `b`'s value less event `a`'s (both present)."""
        return [ev[b] - ev[a] for ev in stamps.events.values() if a in ev and b in ev]

    def its(a: str, b: str) -> str:
        n = between("it:" + a, "it:" + b)
        return f"{statistics.fmean(n):.2f}" if n else "n/a"

    to_send = between("acquired", "send_request_headers.started")
    held = between("receive_response_headers.complete", "released")
    body_read = between("receive_response_headers.complete", "receive_response_body.complete")
    closing = between("receive_response_body.complete", "released")
    cycle = [b - a for a, b in zip(sends, sends[3:], strict=False)]
    turns = [r["it:end"] - r["it:asgi"] for r in records if "it:end" in r]
    print(title)
    print(
        "  client loop turns: acquire->write "
        f"{its('acquired', 'send_request_headers.started')}, headers read->release "
        f"{its('receive_response_headers.complete', 'released')} (body read->release "
        f"{its('receive_response_body.complete', 'released')})"
    )
    if turns:
        span = max(r["it:end"] for r in records if "it:end" in r) - min(
            r["it:asgi"] for r in records
        )
        print(f"  sandbox loop turns per request: {span / len(turns):.2f}")
    print(summary("wire out", wire))
    print(summary("sandbox over", over))
    print(summary("  parse", parse))
    print(summary("  answer late", late))
    print(summary("  writing", write))
    print(summary("answer read", read))
    print(summary("body, release", held))
    print(summary("  body read", body_read))
    print(summary("  close", closing))
    print(summary("gap", gaps))
    print(summary("acquire->write", to_send))
    print(summary("slot cycle", cycle))


def sandbox_records(base: str) -> list[dict[str, Any]]:
    return httpx.get(f"{base}/_timing", timeout=10).json()


async def bare(base: str, count: int, latency_ms: int) -> None:
    client = bare_client(base)
    stamps = Stamps()
    async with client:
        await client.base_url()
        stamps.instrument(client)
        sandbox_records(base)
        cpu = time.process_time()
        with LoopMeter() as meter:
            await asyncio.gather(*(client.create_ticket_charge(BARE_CHARGE) for _ in range(count)))
        cpu = time.process_time() - cpu
    rate = count / meter.elapsed
    bound = 3000 / latency_ms
    print(
        f"bare client: {rate:.1f}/s ({rate / bound:.1%} of the bound), "
        f"{1000 * cpu / count:.2f} ms CPU/request, loop busy {meter.busy:.0%}, "
        f"load {os.getloadavg()[0]:.1f}"
    )
    print(meter.turn_report())
    report("bare client, per request", stamps, sandbox_records(base), latency_ms)


async def worker(base: str, charges: int, latency_ms: int) -> None:
    stamps = Stamps()
    with tempfile.TemporaryDirectory() as tmp:
        ledger = await open_ledger(Path(tmp) / "ledger.db")
        await add_pending(ledger, charges)
        loop = charge_loop(ledger, base, batch_size=500)
        factory: Callable[[], Any] = loop._client_factory

        async def instrumented() -> AutotaskClient:
            client = await factory()
            stamps.instrument(client)
            return client

        loop._client_factory = instrumented
        sandbox_records(base)
        cpu = time.process_time()
        with LoopMeter() as meter:
            counts = await loop.run_once()
        cpu = time.process_time() - cpu
        await loop.aclose()
        await ledger.close()
    synced = counts["synced"]
    rate = synced / meter.elapsed
    bound = 3000 / latency_ms
    print(
        f"worker: {rate:.1f}/s ({rate / bound:.1%} of the bound; creates and the status "
        f"refresh), {1000 * cpu / synced:.2f} ms CPU/charge, loop busy {meter.busy:.0%}, "
        f"load {os.getloadavg()[0]:.1f}"
    )
    print(meter.turn_report())
    records = [r for r in sandbox_records(base) if r["seq"] is not None]
    report("worker, per request", stamps, records, latency_ms)


@contextmanager
def timing_sandbox(latency_ms: int) -> Iterator[str]:
    """This script's `--serve` in a child process; its base URL. PROCDESK_SANDBOX_SRC runs
    another checkout's sandbox (to compare a change of the sandbox with what it replaces)."""
    port = free_port()
    cmd = [sys.executable, __file__, "--serve", str(port), "--latency-ms", str(latency_ms)]
    src = os.environ.get("PROCDESK_SANDBOX_SRC")
    with serving(cmd, port, src=Path(src) if src else ROOT / "src") as base:
        yield base


async def measure(base: str, latency_ms: int, charges: int, bare_count: int) -> None:
    await bare(base, bare_count, latency_ms)
    if charges:
        print()
        await worker(base, charges, latency_ms)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--charges", type=int, default=1000)
    parser.add_argument("--bare", type=int, default=300)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.latency_ms)
    else:
        with timing_sandbox(args.latency_ms) as base:
            asyncio.run(measure(base, args.latency_ms, args.charges, args.bare))
