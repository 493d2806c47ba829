"""The benchmarks' keyring: a throwaway in-memory one (sanctioned, as in the tests), holding
the secret of every sandbox demo account under the name procdesk looks it up by."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.support.keyring_entries import demo_entry  # noqa: E402
from tests.support.procurement import store_demo_secrets  # noqa: E402

from procdesk.sandbox.credentials import DEMO_CREDENTIALS  # noqa: E402
from procdesk.secrets import MemoryKeyring, SecretStore  # noqa: E402


def demo_secrets() -> SecretStore:
    """Autotask's API secret and each distributor's, as `procdesk demo` stores them."""
    keyring = MemoryKeyring()
    keyring.sanctioned = True  # the benchmark's own, never the user's keyring
    secrets = SecretStore(keyring)
    secrets.set(demo_entry("autotask"), "secret", DEMO_CREDENTIALS.autotask.secret)
    store_demo_secrets(secrets)
    return secrets
