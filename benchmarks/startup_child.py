"""One start-up measurement in a fresh process, run by `dashboard_startup.startup`:

    python benchmarks/startup_child.py {startup|floor} LEDGER SPAWNED

SPAWNED is the parent's `time.perf_counter()` just before it started this process (on
Linux, macOS and Windows that clock is the system's monotonic one, the same in every
process), so the times this prints run from process start: the interpreter's own start
and every import the app needs are inside them, as they are inside a user's wait. Nothing
else is imported before the measurement starts: this file imports only `sys` and `time`
ahead of it, and the harness's own modules (argparse, subprocess, the seeder) are never
loaded. It prints one JSON line.
"""

import sys
import time

ENTERED = time.perf_counter()  # the interpreter has started, this file is running


def main() -> None:
    kind, ledger, spawned = sys.argv[1], sys.argv[2], float(sys.argv[3])
    import asyncio
    from pathlib import Path

    from dashboard_startup import measure_floor, startup_child

    if kind == "startup":
        result = startup_child(Path(ledger), spawned)
    elif kind == "floor":
        result = asyncio.run(measure_floor(spawned))
    else:
        raise SystemExit(f"unknown kind {kind!r}: expected startup or floor")
    import json

    print(json.dumps({**result, "interpreter_started_s": ENTERED - spawned}))


if __name__ == "__main__":
    main()
