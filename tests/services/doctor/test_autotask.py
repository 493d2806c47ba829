"""`procdesk doctor`'s Autotask lines: zone, authentication, API usage, paused sync."""

from __future__ import annotations

from pathlib import Path

from procdesk.integrations.autotask.credentials import SECRET_FIELD
from procdesk.services.doctor import DoctorEnv, Level
from procdesk.services.doctor.autotask import check_autotask
from procdesk.wiring import doctor_env
from tests.support.charges import TICKET, SyncHarness, add_quote, line
from tests.support.keyring_entries import demo_entry


def env(h: SyncHarness) -> DoctorEnv:
    return doctor_env(Path("config.toml"), h.settings, h.ledger, h.secrets)


async def test_reports_zone_auth_and_usage(harness: SyncHarness) -> None:
    results = {r.name: r for r in await check_autotask(env(harness))}
    assert set(results) == {"autotask zone", "autotask live", "autotask API usage"}
    assert all(r.level is Level.OK for r in results.values())
    assert "/autotask/atservicesrest" in results["autotask zone"].detail
    assert "requests this hour" in results["autotask API usage"].detail


async def test_rejected_credentials_and_paused_sync(harness: SyncHarness) -> None:
    harness.secrets.set(demo_entry("autotask"), SECRET_FIELD, "wrong")
    await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1), line(2)])
    await harness.loop.run_once()
    results = {r.name: r for r in await check_autotask(env(harness))}
    assert results["autotask live"].level is Level.FAIL
    assert "procdesk auth autotask" in results["autotask live"].detail
    assert results["autotask charges"].level is Level.WARN
    assert "2 pending charge(s)" in results["autotask charges"].detail
    assert "wrong" not in " ".join(r.detail for r in results.values())
