"""The deploy recipes run as written: the container recipe's worker (deploy/compose.yaml on
deploy/Dockerfile) and the systemd unit's, each with its command line and environment as
the files give them, against a throwaway PostgreSQL whose `procdesk` role logs in with a
password, and a charge synced to the sandbox.

No container is started (CI has no container daemon) and the image is not built: what
a container would provide is provided by hand, and only that: the volume and secret mounts
become folders and files under tmp, the compose host `db` becomes the throwaway server's
address, systemd's StateDirectory and LoadCredential become a folder and
CREDENTIALS_DIRECTORY. The admin's one-time steps are the ones the files' comments and the
README give (`procdesk auth ledger --stdin`, `procdesk auth autotask`), run with the same
environment. The unit's TLS settings (PGSSLMODE=verify-full) are the one thing left out:
the throwaway server has no certificate.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import secrets as random
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml
from sqlalchemy.engine import make_url

from procdesk.domain.enums import ChargeStatus
from procdesk.domain.ticket_charge import find_marker
from procdesk.sandbox.autotask.demo_data import DEMO_TICKETS
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets.key_file import SYSTEMD_CREDENTIAL
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges
from tests.support.charges import add_quote, line, map_hardware, remote_charges
from tests.support.postgres import NO_POSTGRES, ThrowawayCluster, pg_bin_dir, run_sync
from tests.support.postgres import _admin as admin
from tests.support.workers import REPO

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

DEPLOY = REPO / "deploy"
ROLES = ("procdesk", "procdesk_worker")  # the recipes' ledger users (compose, unit)
DEADLINE_S = 120


# ---- reading the recipes ---------------------------------------------------------------


def dockerfile() -> dict[str, Any]:
    """CMD, HEALTHCHECK's CMD and ENV of deploy/Dockerfile (continuation lines joined)."""
    text = re.sub(r"\\\n\s*", " ", (DEPLOY / "Dockerfile").read_text())
    found: dict[str, Any] = {"env": {}}
    for raw in text.splitlines():
        instruction, _, rest = raw.strip().partition(" ")
        if instruction == "CMD":
            found["cmd"] = json.loads(rest)
        elif instruction == "HEALTHCHECK":
            found["healthcheck"] = json.loads(rest.split("CMD", 1)[1])
        elif instruction == "ENV":
            found["env"] |= dict(part.split("=", 1) for part in shlex.split(rest))
        elif instruction == "USER":
            found["user"] = rest
    return found


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return loaded


def unit() -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for raw in (DEPLOY / "procdesk-worker.service").read_text().splitlines():
        if "=" in raw and not raw.startswith("#"):
            key, value = raw.split("=", 1)
            settings.setdefault(key, []).append(value)
    return settings


def worker_services() -> dict[str, dict[str, Any]]:
    return {name: service for name, service in compose()["services"].items() if "build" in service}


# ---- the throwaway server the recipes' `db` stands for ------------------------------------


@pytest.fixture
def cluster() -> Iterator[ThrowawayCluster]:
    """A server of the test's own, where the recipes' roles must give their password."""
    bin_dir = pg_bin_dir()
    if bin_dir is None:
        pytest.skip(NO_POSTGRES)
    server = ThrowawayCluster(bin_dir)
    server.start(hba_first=(f"host all {','.join(ROLES)} 127.0.0.1/32 scram-sha-256",))
    try:
        yield server
    finally:
        server.stop()


def role_and_database(cluster: ThrowawayCluster, url: str) -> str:
    """The recipe's role (with a new password) and database, as the postgres image (or the
    README's team setup) creates them; the password."""
    parts = make_url(url)
    assert parts.username in ROLES
    assert parts.password is None
    password = random.token_urlsafe(16)
    run_sync(admin(cluster.server_url, f"CREATE ROLE {parts.username} LOGIN PASSWORD '{password}'"))
    run_sync(admin(cluster.server_url, f"CREATE DATABASE {parts.database} OWNER {parts.username}"))
    return password


def at_throwaway_server(url: str, cluster: ThrowawayCluster) -> str:
    """The recipe's ledger URL with its host (`db`, `db.example.net`) replaced by the
    throwaway server's address; user and database as written."""
    return make_url(url).set(host="127.0.0.1", port=cluster.port).render_as_string()


def base_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PROCDESK_", "PG"))}
    env.pop("PYTHON_KEYRING_BACKEND", None)  # the recipes choose the headless keyring
    return env | {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        "PYTHONPATH": str(REPO / "src"),
        "HOME": str(home),
    }


def run(argv: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, env=env, input=stdin, capture_output=True, text=True, timeout=120, cwd=REPO
    )


def one_time_setup(env: dict[str, str], sandbox: SandboxServer, db_password: str) -> None:
    """What the admin does once per worker home (the recipes' comments, README "Team
    setup"): the ledger password and the Autotask credentials into the worker's keyring."""
    done = run(["procdesk", "auth", "ledger", "--stdin"], env, db_password + "\n")
    assert done.returncode == 0, done.stdout + done.stderr
    base = f"{sandbox.base_url}/autotask/atservicesrest"
    done = run(["procdesk", "config", "set", "autotask.base_url", base], env)
    assert done.returncode == 0, done.stdout + done.stderr
    creds = DEMO_CREDENTIALS.autotask
    done = run(
        [
            "procdesk",
            "auth",
            "autotask",
            "--username",
            creds.username,
            "--integration-code",
            creds.integration_code,
            "--stdin",
        ],
        env,
        creds.secret + "\n",
    )
    assert done.returncode == 0, done.stdout + done.stderr


async def wait_healthy(check: list[str], env: dict[str, str]) -> None:
    give_up = time.monotonic() + DEADLINE_S
    while True:
        done = await asyncio.to_thread(run, check, env)
        if done.returncode == 0:
            assert "[ok  ] worker" in done.stdout
            return
        if time.monotonic() > give_up:
            raise AssertionError("never healthy:\n" + done.stdout + done.stderr)
        await asyncio.sleep(0.5)


async def run_and_sync(
    argv: list[str],
    env: dict[str, str],
    check: list[str],
    ledger_url: str,
    db_password: str,
    sandbox: SandboxServer,
    log: Path,
    quote_id: str,
) -> list[str]:
    """Start the worker as the recipe does, wait until its health check passes, give it a
    charge, see it in Autotask once, stop it with SIGTERM; its log lines."""
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            *argv, env=env, cwd=REPO, stdin=asyncio.subprocess.DEVNULL, stderr=out
        )
    ledger = await Ledger.open(ledger_url, password=db_password, migrate=False)
    try:
        await wait_healthy(check, env)
        await map_hardware(ledger, actor="admin")
        [charge_id] = await add_quote(
            ledger, quote_id, ticket_id=DEMO_TICKETS[0].id, lines=[line(1)]
        )
        give_up = time.monotonic() + DEADLINE_S
        while True:
            async with ledger.read() as conn:
                row = (
                    await conn.execute(sa.select(charges).where(charges.c.id == charge_id))
                ).one()
            if row.status == ChargeStatus.SYNCED.value:
                break
            assert time.monotonic() < give_up, f"not synced: {row.status} {row.last_error}"
            await asyncio.sleep(0.25)
        sent = [c for c in remote_charges(sandbox) if find_marker(c["notes"]) == row.marker]
        assert len(sent) == 1
        assert process.returncode is None
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 30) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await ledger.close()
    return (await asyncio.to_thread(log.read_text, errors="replace")).splitlines()


# ---- the container recipe ---------------------------------------------------------------


def test_every_worker_service_is_built_from_the_dockerfile_and_runs_its_command() -> None:
    image = dockerfile()
    assert image["cmd"] == ["procdesk", "worker"]
    assert image["healthcheck"] == ["procdesk", "worker", "--check"]
    scripts = re.search(r"\[project\.scripts\]\s*\n(.*)", (REPO / "pyproject.toml").read_text())
    assert scripts is not None
    assert scripts.group(1).startswith('procdesk = "procdesk.cli.main:')
    services = worker_services()
    assert len(services) >= 2  # N workers
    for name, service in services.items():
        assert service["build"]["dockerfile"] == "deploy/Dockerfile", name
        assert "command" not in service, name  # the image's CMD runs
        assert "entrypoint" not in service, name
        assert "PASSWORD" not in json.dumps(service["environment"]), name
        assert service["depends_on"] == ["db"], name
    homes = [v for s in services.values() for v in s["volumes"]]
    assert len(set(homes)) == len(homes)  # each worker has its own home (its own keyring)


async def test_the_compose_worker_comes_up_healthy_and_syncs_a_charge(
    cluster: ThrowawayCluster, sandbox: SandboxServer, tmp_path: Path
) -> None:
    image = dockerfile()
    name, service = next(iter(worker_services().items()))
    mounts: dict[str, Path] = {}
    for volume in service["volumes"]:
        source, target = volume.split(":", 1)
        mounts[target] = tmp_path / source
    for secret in service["secrets"]:
        path = tmp_path / "run-secrets" / secret
        path.parent.mkdir(exist_ok=True)
        key = base64.b64encode(random.token_bytes(48)).decode()  # openssl rand -base64 48
        path.write_text(key + "\n")
        path.chmod(0o600)
        mounts[f"/run/secrets/{secret}"] = path

    def mounted(value: str) -> str:
        for target, source in mounts.items():
            if value == target or value.startswith(target + "/"):
                return str(source) + value[len(target) :]
        return value

    written = image["env"] | service["environment"]
    database = compose()["services"]["db"]["environment"]
    ledger = make_url(written["PROCDESK_LEDGER"])
    assert (ledger.username, ledger.database) == (
        database["POSTGRES_USER"],
        database["POSTGRES_DB"],
    )
    db_password = role_and_database(cluster, written["PROCDESK_LEDGER"])
    assert not {k: v for k, v in written.items() if v.startswith("/") and mounted(v) == v}
    env = base_env(tmp_path / "os-home") | {k: mounted(v) for k, v in written.items()}
    env["PROCDESK_LEDGER"] = at_throwaway_server(written["PROCDESK_LEDGER"], cluster)
    for source in mounts.values():
        if not source.exists():
            source.mkdir(mode=0o700)

    one_time_setup(env, sandbox, db_password)
    lines = await run_and_sync(
        image["cmd"],
        env,
        image["healthcheck"],
        env["PROCDESK_LEDGER"],
        db_password,
        sandbox,
        tmp_path / f"{name}.log",
        "Q-COMPOSE-1",
    )
    assert lines, "the worker logged nothing"
    for entry in lines:  # PROCDESK_LOG_FORMAT=json: one JSON object per line
        assert isinstance(json.loads(entry), dict), entry
    assert db_password not in "\n".join(lines)


# ---- the systemd unit -------------------------------------------------------------------


async def test_the_systemd_unit_worker_comes_up_healthy_and_syncs_a_charge(
    cluster: ThrowawayCluster, sandbox: SandboxServer, tmp_path: Path
) -> None:
    settings = unit()
    [exec_start] = settings["ExecStart"]
    argv = shlex.split(exec_start)
    assert argv[0] == "/opt/procdesk/.venv/bin/procdesk"
    argv[0] = "procdesk"  # this venv's console script, as the unit's venv has it
    [state_dir] = settings["StateDirectory"]
    state = tmp_path / "var-lib" / state_dir  # systemd: /var/lib/<StateDirectory>, 0700
    state.mkdir(parents=True, mode=0o700)
    [credential] = settings["LoadCredential"]
    credential_name = credential.split(":", 1)[0]
    assert credential_name == SYSTEMD_CREDENTIAL
    credentials = tmp_path / "credentials"  # what LoadCredential= provides
    credentials.mkdir(mode=0o700)
    key = credentials / credential_name
    key.write_text(base64.b64encode(random.token_bytes(48)).decode() + "\n")
    key.chmod(0o600)

    written = dict(e.split("=", 1) for e in settings["Environment"])
    left_out = {k: written.pop(k) for k in ("PGSSLMODE", "PGSSLROOTCERT")}
    assert left_out["PGSSLMODE"] == "verify-full"  # (the throwaway server has no TLS)
    env = base_env(tmp_path / "os-home") | {
        k: v.replace(f"/var/lib/{state_dir}", str(state)) for k, v in written.items()
    }
    assert env["PROCDESK_HOME"] == str(state)
    env["CREDENTIALS_DIRECTORY"] = str(credentials)
    db_password = role_and_database(cluster, written["PROCDESK_LEDGER"])
    env["PROCDESK_LEDGER"] = at_throwaway_server(written["PROCDESK_LEDGER"], cluster)

    one_time_setup(env, sandbox, db_password)
    lines = await run_and_sync(
        argv,
        env,
        [*argv, "--check"],
        env["PROCDESK_LEDGER"],
        db_password,
        sandbox,
        tmp_path / "unit.log",
        "Q-UNIT-1",
    )
    assert any("running" in entry for entry in lines), lines
    assert not [entry for entry in lines if "Traceback" in entry]
    assert db_password not in "\n".join(lines)
