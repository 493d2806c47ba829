"""`procdesk worker` processes for tests: their environment (sandbox Autotask, a file keyring
in the test's tmp dir) and starting one with its log in a file the test can read."""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from tests.support.file_keyring import ENV as KEYRING_ENV
from tests.support.file_keyring import seed as seed_keyring

REPO = Path(__file__).resolve().parents[2]


def worker_env(
    sandbox: SandboxServer, tmp_path: Path, ledger_url: str, name: str, **settings: str
) -> dict[str, str]:
    """A worker's environment: its own home, the sandbox's Autotask, its secret in a file
    keyring; `settings` are extra PROCDESK_* variables (e.g. PROCDESK_SYNC__LEASE_S)."""
    creds = DEMO_CREDENTIALS.autotask
    home = tmp_path / f"home-{name}"
    keyring_file = tmp_path / f"keyring-{name}.json"
    seed_keyring(keyring_file, home, {f"autotask:{creds.username}:secret": creds.secret})
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCDESK_")}
    return (
        env
        | {
            "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)]),
            "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.JsonFileKeyring",
            KEYRING_ENV: str(keyring_file),
            "PROCDESK_HOME": str(home),
            "PROCDESK_LEDGER": ledger_url,
            "PROCDESK_USER__NAME": name,
            "PROCDESK_AUTOTASK__BASE_URL": f"{sandbox.base_url}/autotask/atservicesrest",
            "PROCDESK_AUTOTASK__USERNAME": creds.username,
            "PROCDESK_AUTOTASK__INTEGRATION_CODE": creds.integration_code,
        }
        | settings
    )


async def spawn_worker(env: dict[str, str], cwd: Path, *args: str) -> asyncio.subprocess.Process:
    """`procdesk worker ARGS` with its log on a pipe that `until_running` reads (and then
    keeps draining); with `--once` the log is dropped, since nobody waits for that worker
    to say it runs."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "procdesk",
        "worker",
        *args,
        env=env,
        cwd=cwd,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL if "--once" in args else asyncio.subprocess.PIPE,
    )


async def until_running(proc: asyncio.subprocess.Process) -> None:
    """Wait until a spawned worker says it is running (imports and start-up are done), then
    keep reading its log so a full pipe never stalls it."""
    assert proc.stderr is not None
    while line := await proc.stderr.readline():
        if b" running" in line:
            keep_draining(proc.stderr)
            return
    raise AssertionError("the worker exited before it started")


def kill_env(sandbox: SandboxServer, tmp_path: Path, **settings: str) -> dict[str, str]:
    """A worker on `tmp_path/ledger.db` with short timeouts and backoffs, so that injected
    faults and SIGKILLs come round often; `settings` add or override PROCDESK_* variables."""
    return worker_env(
        sandbox,
        tmp_path,
        str(tmp_path / "ledger.db"),
        "killed",
        **{
            "PROCDESK_AUTOTASK__TIMEOUT_S": "0.5",
            "PROCDESK_SYNC__BACKOFF_BASE_S": "0.05",
            "PROCDESK_SYNC__BACKOFF_MAX_S": "0.2",
            "PROCDESK_SYNC__INTERVAL_S": "0.05",
            **settings,
        },
    )


@dataclass
class WorkerProcess:
    process: asyncio.subprocess.Process
    log: Path

    def lines(self) -> list[str]:
        return self.log.read_text(errors="replace").splitlines()

    @property
    def running(self) -> bool:
        return self.process.returncode is None


async def start_worker(env: dict[str, str], log: Path, *args: str) -> WorkerProcess:
    """Start `procdesk worker ARGS` and return once it says it is running."""
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "procdesk",
            "worker",
            *args,
            env=env,
            cwd=log.parent,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=out,
        )
    worker = WorkerProcess(process, log)
    while not any(" running" in line for line in worker.lines()):
        if process.returncode is not None:
            raise AssertionError("the worker exited: " + "\n".join(worker.lines()))
        await asyncio.sleep(0.05)
    return worker


_drains: set[asyncio.Task[None]] = set()


def keep_draining(stream: asyncio.StreamReader | None) -> None:
    """Read a worker's piped output to its end in the background: a worker logs one line per
    event, and an unread pipe would fill up and stall it."""

    async def drain() -> None:
        assert stream is not None
        while await stream.read(65536):
            pass

    task = asyncio.create_task(drain())
    _drains.add(task)
    task.add_done_callback(_drains.discard)
