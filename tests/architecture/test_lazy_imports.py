"""What the dashboard loads before its first frame: never the distributor clients or OAuth.

Checked in a fresh interpreter (this process has imported everything already). Structure
that makes start-up fast, not a timing: benchmarks/dashboard_bench.py measures the time.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Loaded only when a client is built (wiring/clients.py), never by importing the app.
NOT_BEFORE_FIRST_FRAME = (
    "authlib",
    "lxml",
    "alembic",
    "procdesk.integrations.ingram.client",
    "procdesk.integrations.tdsynnex.client",
    "procdesk.integrations.tdsynnex_xml.distributor",
    "procdesk.integrations.registry",
    "procdesk.sandbox",
)


def loaded_after(module: str) -> set[str]:
    code = f"import json, sys; import {module}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out))


@pytest.mark.parametrize("module", ["procdesk.tui.app", "procdesk.wiring"])
def test_importing_leaves_provider_clients_unloaded(module: str) -> None:
    loaded = loaded_after(module)
    early = [name for name in NOT_BEFORE_FIRST_FRAME if name in loaded]
    assert early == [], f"importing {module} loads {early}"


def test_a_client_still_loads_when_built() -> None:
    from procdesk.integrations.tdsynnex import TdSynnexClient

    assert TdSynnexClient.__module__ == "procdesk.integrations.tdsynnex.client"
