"""`procdesk sandbox` as a user runs it: a subprocess."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from procdesk.sandbox.credentials import DEMO_CREDENTIALS

SRC = Path(__file__).resolve().parents[2] / "src"


def run_procdesk(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "procdesk", "sandbox", *args],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_zone_lookup(port: int, user: str) -> httpx.Response:
    """The server prints before it listens: poll until it answers (or give up after 20 s)."""
    url = f"http://127.0.0.1:{port}/autotask/atservicesrest/v1.0/zoneInformation"
    for _ in range(400):
        try:
            return httpx.get(url, params={"user": user})
        except httpx.ConnectError:
            time.sleep(0.05)
    raise AssertionError("the sandbox never started listening")


def test_credentials_json_prints_every_provider_and_exits() -> None:
    process = run_procdesk("--port", "8765", "--credentials-json")
    out, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    document = json.loads(out)
    creds = DEMO_CREDENTIALS.model_dump()
    assert document == {
        "autotask": {
            "base_url": "http://127.0.0.1:8765/autotask/atservicesrest",
            **creds["autotask"],
        },
        "ingram": {"base_url": "http://127.0.0.1:8765/ingram", **creds["ingram"]},
        "tdsynnex": {"base_url": "http://127.0.0.1:8765/tdsynnex", **creds["tdsynnex"]},
        "tdsynnex_xml": {"base_url": "http://127.0.0.1:8765/tdsynnex", **creds["tdsynnex_xml"]},
    }


def test_bad_fault_spec_is_a_usage_error() -> None:
    process = run_procdesk("--faults", "autotask=explode")
    _, err = process.communicate(timeout=30)
    assert process.returncode == 2
    assert "--faults" in err


def test_serves_until_stopped_and_prints_urls_and_credentials() -> None:
    port = free_port()
    process = run_procdesk("--port", str(port), "--seed", "3")
    try:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            lines.append(line)
            if "Ctrl-C" in line:
                break
        printed = "".join(lines)
        assert f"http://127.0.0.1:{port}/autotask/atservicesrest" in printed
        assert DEMO_CREDENTIALS.autotask.integration_code in printed
        zone = wait_for_zone_lookup(port, DEMO_CREDENTIALS.autotask.username)
        assert zone.json()["url"] == f"http://127.0.0.1:{port}/autotask/atservicesrest/"
    finally:
        process.terminate()
        process.communicate(timeout=30)


def test_a_taken_port_is_a_clean_failure() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        process = run_procdesk("--port", str(taken.getsockname()[1]))
        out, err = process.communicate(timeout=30)
    assert process.returncode == 1
    assert "cannot serve" in err
    assert "Traceback" not in err
    assert "Ctrl-C" not in out
