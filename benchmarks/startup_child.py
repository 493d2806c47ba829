"""One start-up measurement in a fresh process, run by `dashboard_startup.startup`:

    python benchmarks/startup_child.py {startup|floor} SPAWNED

SPAWNED is the parent's `time.perf_counter()` just before it started this process (on
Linux, macOS and Windows that clock is the system's monotonic one, the same in every
process), so the times this prints run from process start: the interpreter's own start and
every import the app needs are inside them, as they are inside a user's wait.

`startup` runs `procdesk --no-workers` as its console script does (`procdesk.cli.main`:
the command line, the dashboard command, the settings from the config file the parent
names in PROCDESK_CONFIG, the log file, the ledger); `floor` runs a bare Textual app that
shows one line. Both run on the terminal driver of `startup_driver.py` (named in
TEXTUAL_DRIVER by the parent), which ends the run at the first frame waited for. Nothing
else is imported before the measurement starts: this file imports only `sys` and `time`
ahead of it, and the harness's own modules (argparse, subprocess, the seeder) are never
loaded. It prints one JSON line.
"""

import sys
import time

ENTERED = time.perf_counter()  # the interpreter has started, this file is running


def procdesk() -> float:
    """`procdesk --no-workers`, as its console script runs it; returns when its command line
    was loaded."""
    sys.argv = ["procdesk", "--no-workers"]
    from procdesk.cli.main import main

    loaded = time.perf_counter()
    try:
        main()
    except SystemExit as done:
        if done.code not in (0, None):
            raise
    return loaded


def floor() -> None:
    """The floor: a bare Textual app that imports Textual and shows one frame."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Floor(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("procdesk")

    Floor().run()


def main() -> None:
    kind, spawned = sys.argv[1], float(sys.argv[2])
    laps = {"interpreter_started_s": ENTERED - spawned}
    if kind == "startup":
        laps["command_line_loaded_s"] = procdesk() - spawned
    elif kind == "floor":
        floor()
    else:
        raise SystemExit(f"unknown kind {kind!r}: expected startup or floor")
    import json

    import startup_driver  # (loaded by Textual when the app started)

    result = dict(startup_driver.RESULT)
    if "shown" not in result:
        raise SystemExit(f"{kind}: the app ended before the frame waited for")
    laps["app_running_s"] = startup_driver.CREATED[0] - spawned
    print(
        json.dumps(
            {"first_frame_from_process_start_s": result.pop("shown") - spawned, **laps, **result}
        )
    )


if __name__ == "__main__":
    main()
