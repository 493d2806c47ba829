"""Where team mode's slot-time goes: a traced `procdesk worker` and the split of one run.

    python benchmarks/team_trace.py TRACE_FILE worker [ARGS]   (what team_throughput starts)

Run as a script, it wraps a few functions of the worker from outside (the product carries
no tracing code) and then runs `procdesk worker`: each request's times at the PostgreSQL
gate (wanted a slot, took it, had its answer, gave the slot back), each claim of a batch and
each ledger write of the charge loop, all on the monotonic clock (one machine: the same
clock in every process). It writes them to TRACE_FILE as JSON when the worker exits.

`split()` then divides the slots' time over the measured window (3 slots x window) into
what the bound counts (the sandbox's latency) and what it loses:
- in flight beyond it: a request's time in flight beyond the latency (client, sandbox);
- giving back: no request on a slot while its lock is being given back (a round trip);
- a. handoff: a slot free while some worker had a request waiting for one;
- b. none ready: a slot free while no worker had a request waiting (claiming the next
  batch, ledger writes before the send);
- c. tail: after the last request took its slot (the last answers come back);
- d. measuring: after the last synced charge was committed, until the bench saw it.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Event = tuple[str, float, float, int]  # kind, start, end, count


def install(trace_file: Path) -> None:
    """Wrap the gate and the charge loop's ledger calls of this process; dump at exit."""
    from procdesk.store import charges as charge_store
    from procdesk.store.pg import slots
    from procdesk.store.pg.gate import DatabaseRequestGate

    requests: list[tuple[float, float, float, float]] = []  # wanted, took, answered, freed
    events: list[Event] = []
    clock = time.monotonic
    original_slot = DatabaseRequestGate.slot

    async def watch_loop() -> None:
        """How late the event loop wakes a 5 ms sleep: time it was busy or the process
        was not scheduled (recorded from 2 ms late on)."""
        while True:
            start = clock()
            await asyncio.sleep(0.005)
            if (late := clock() - start - 0.005) > 0.002:
                events.append(("loop late", start + 0.005, start + 0.005 + late, 0))

    watching: list[asyncio.Task[None]] = []

    @asynccontextmanager
    async def traced_slot(self: DatabaseRequestGate, entity: str) -> AsyncIterator[None]:
        if not watching:
            watching.append(asyncio.get_running_loop().create_task(watch_loop()))
        wanted = clock()
        times: list[float] = []
        async with original_slot(self, entity):
            times.append(clock())
            try:
                yield
            finally:
                times.append(clock())
        requests.append((wanted, times[0], times[1], clock()))

    def timed(module: Any, name: str, count: Callable[[Any], int]) -> None:
        original = getattr(module, name)

        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            result = await original(*args, **kwargs)
            events.append((name, start, clock(), count(result)))
            return result

        setattr(module, name, wrapper)

    DatabaseRequestGate.slot = traced_slot  # type: ignore[assignment,method-assign]
    timed(charge_store, "claim_due", len)
    timed(charge_store, "start_send", lambda _: 1)
    timed(charge_store, "mark_synced_many", len)
    timed(slots, "try_take", lambda slot: int(slot is not None))

    def dump() -> None:
        trace_file.write_text(json.dumps({"requests": requests, "events": events}))

    atexit.register(dump)


@dataclass
class Split:
    window: float  # seconds
    latency: float  # the sandbox's, seconds
    requests: int  # that took a slot inside the window
    parts: dict[str, float]  # share of 3 x window, 0..1
    counts: dict[str, float]  # per request: ledger calls, try_take round trips


def split(traces: Iterable[Path], start: float, end: float, latency: float, slots: int = 3):
    """The parts of `slots` x [start, end] (see the module's docstring)."""
    requests: list[Sequence[float]] = []
    events: list[Sequence[Any]] = []
    for path in traces:
        data = json.loads(path.read_text())
        requests += data["requests"]
        events += data["events"]
    last_took = max(r[1] for r in requests)
    last_commit = max(e[2] for e in events if e[0] == "mark_synced_many" and e[3])
    # +1 request in flight from took to answered, then +1 slot being given back until freed,
    # +1 request waiting from wanted to took
    changes: list[tuple[float, int, int, int]] = []
    for wanted, took, answered, freed in requests:
        changes += [(took, 1, 0, 0), (answered, -1, 1, 0), (freed, 0, -1, 0)]
        changes += [(wanted, 0, 0, 1), (took, 0, 0, -1)]
    changes.sort()
    parts = dict.fromkeys(("latency", "in flight beyond it", "giving back", "a handoff",
                           "b none ready", "c tail", "d measuring"), 0.0)  # fmt: skip
    flying = giving = waiting = 0
    previous = start
    for moment, d_flying, d_giving, d_waiting in [*changes, (end, 0, 0, 0)]:
        low, high = max(previous, start), min(moment, end)
        if high > low:
            free = max(0, slots - flying)
            given = min(giving, free)
            parts["giving back"] += given * (high - low)
            free = (free - given) * (high - low)
            if low >= last_commit:
                parts["d measuring"] += free
            elif low >= last_took:
                parts["c tail"] += free
            elif waiting:
                parts["a handoff"] += free
            else:
                parts["b none ready"] += free
        previous = max(previous, moment)
        flying += d_flying
        giving += d_giving
        waiting += d_waiting
    inside = [r for r in requests if start <= r[1] < end]
    for _, took, answered, _ in requests:  # the time in flight inside the window
        flight = min(answered, end) - max(took, start)
        if flight > 0:
            parts["latency"] += min(latency, flight)
            parts["in flight beyond it"] += flight - min(latency, flight)
    total = slots * (end - start)
    counts: dict[str, float] = {}
    for kind in ("claim_due", "start_send", "mark_synced_many", "try_take"):
        calls = [e for e in events if e[0] == kind and start <= e[1] < end]
        counts[kind] = len(calls) / max(len(inside), 1)
        counts[kind + " ms"] = 1000 * sum(e[2] - e[1] for e in calls) / max(len(calls), 1)
    late = [e for e in events if e[0] == "loop late" and start <= e[1] < end]
    counts["loop late ms"] = 1000 * sum(e[2] - e[1] for e in late) / max(len(inside), 1)
    counts["late > 10 ms"] = sum(e[2] - e[1] > 0.01 for e in late) / max(len(inside), 1)
    waits = [r[1] - r[0] for r in inside]
    counts["wait ms"] = 1000 * sum(waits) / max(len(waits), 1)
    counts["flight ms"] = 1000 * sum(r[2] - r[1] for r in inside) / max(len(inside), 1)
    counts["give back ms"] = 1000 * sum(r[3] - r[2] for r in inside) / max(len(inside), 1)
    return Split(end - start, latency, len(inside), {k: v / total for k, v in parts.items()},
                 counts)  # fmt: skip


def report(s: Split) -> str:
    parts = ", ".join(f"{k} {100 * v:.1f}%" for k, v in s.parts.items())
    counts = ", ".join(f"{k} {v:.2f}" for k, v in s.counts.items())
    return f"  slot-time: {parts}\n  per request ({s.requests}): {counts}"


def main(argv: list[str]) -> None:
    install(Path(argv[1]))
    sys.argv = ["procdesk", *argv[2:]]
    from procdesk.cli.main import main as procdesk_main

    procdesk_main()


if __name__ == "__main__":
    main(sys.argv)
