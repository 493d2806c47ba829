"""`procdesk doctor` on a PostgreSQL ledger: server version, migration, connected workers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from procdesk.config import config_file
from procdesk.secrets import SecretStore
from procdesk.services.doctor import Level
from procdesk.store import workers
from procdesk.store.ledger import Ledger
from procdesk.store.migrate import head_revision
from procdesk.wiring import diagnose


async def test_doctor_reports_server_migration_and_workers(
    pg_ledger_url: str, secrets: SecretStore
) -> None:
    ledger = await Ledger.open(pg_ledger_url)
    try:
        async with ledger.write() as conn:
            await workers.register(
                conn, worker_id="host-a:42:beef", host="host-a", pid=42, actor="alice",
                now=datetime.now(UTC),
            )  # fmt: skip
    finally:
        await ledger.close()
    results = {r.name: r for r in await diagnose(ledger_url=pg_ledger_url, secrets=secrets)}
    assert results["postgresql server"].level is Level.OK
    assert results["postgresql server"].detail.startswith("PostgreSQL 1")
    assert results["migration version"].level is Level.OK
    assert results["migration version"].detail.startswith(head_revision())
    assert results["connected workers"].detail.startswith("1 running: host-a:42:beef (alice)")


async def test_doctor_adds_nothing_for_sqlite(tmp_path: Path, secrets: SecretStore) -> None:
    results = await diagnose(ledger_url=str(tmp_path / "l.db"), secrets=secrets)
    names = {r.name for r in results}
    assert "ledger" in names
    assert not names & {"postgresql server", "migration version", "connected workers"}


async def test_doctor_fails_a_password_in_the_configured_url(
    pg_ledger_url: str, secrets: SecretStore, isolated_home: Path
) -> None:
    with_password = pg_ledger_url.replace("postgres@", "postgres:in-config@")
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text(f'ledger = "{with_password}"\n')
    results = await diagnose(secrets=secrets)
    # The config itself refuses it now, pointing at the keyring command; nothing echoes it.
    failed = [r for r in results if r.level is Level.FAIL]
    assert any("procdesk auth ledger" in r.detail for r in failed)
    assert all("in-config" not in r.detail for r in results)
