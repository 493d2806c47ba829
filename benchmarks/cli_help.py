"""How long `procdesk --help` takes, start to exit, in a fresh interpreter each run.

    python benchmarks/cli_help.py [--runs N]

Target: median under 0.3 s. It measures `python -m procdesk --help` (what the console
script runs), so interpreter start-up is included.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
TARGET_S = 0.3


def one_run() -> float:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
    }
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "procdesk", "--help"],
        check=True,
        stdout=subprocess.DEVNULL,
        env=env,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    one_run()  # warm the OS file cache and the bytecode cache
    times = [one_run() for _ in range(args.runs)]
    mean, median = statistics.mean(times), statistics.median(times)
    print(
        f"procdesk --help: {args.runs} runs, mean {mean:.3f} s, median {median:.3f} s, "
        f"min {min(times):.3f} s, max {max(times):.3f} s (target < {TARGET_S} s)"
    )
    if median >= TARGET_S:
        sys.exit(1)


if __name__ == "__main__":
    main()
