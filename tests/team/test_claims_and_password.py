"""SKIP LOCKED claims on PostgreSQL; the ledger password comes from the keyring, never shown."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from procdesk.secrets import SecretStore
from procdesk.store import charges as charge_store
from procdesk.store.ledger import Ledger, LedgerError
from procdesk.wiring import ledger_password, open_ledger, store_ledger_password
from tests.support.charges import NOW, add_quote, line

LEASE = timedelta(seconds=60)


@pytest.fixture
async def pg_ledger(pg_ledger_url: str) -> AsyncIterator[Ledger]:
    ledger = await Ledger.open(pg_ledger_url)
    yield ledger
    await ledger.close()


async def test_concurrent_claims_skip_each_others_rows(pg_ledger: Ledger) -> None:
    ids = await add_quote(pg_ledger, "Q-1", ticket_id=1, lines=[line(n) for n in range(1, 11)])
    async with pg_ledger.write() as first:
        mine = await charge_store.claim_due(first, owner="w1", now=NOW, lease_for=LEASE, limit=4)
        # w1's transaction is still open: its rows are locked, not yet visibly leased
        async with pg_ledger.write() as second:
            theirs = await charge_store.claim_due(
                second, owner="w2", now=NOW, lease_for=LEASE, limit=100
            )
    mine_ids = [row.charge.id for row in mine]
    theirs_ids = [row.charge.id for row in theirs]
    assert mine_ids == ids[:4]
    assert theirs_ids == ids[4:]


async def test_an_expired_lease_is_claimed_again(pg_ledger: Ledger) -> None:
    ids = await add_quote(pg_ledger, "Q-1", ticket_id=1, lines=[line(1)])
    async with pg_ledger.write() as conn:
        dead = await charge_store.claim_due(conn, owner="dead", now=NOW, lease_for=LEASE, limit=5)
    async with pg_ledger.write() as conn:
        early = await charge_store.claim_due(conn, owner="w2", now=NOW, lease_for=LEASE, limit=5)
    later = NOW + LEASE + timedelta(seconds=1)
    async with pg_ledger.write() as conn:
        late = await charge_store.claim_due(conn, owner="w2", now=later, lease_for=LEASE, limit=5)
    assert [r.charge.id for r in dead] == ids
    assert early == []
    assert [r.charge.id for r in late] == ids


async def test_password_from_the_keyring_is_used_and_never_shown(
    pg_ledger_url: str, secrets: SecretStore
) -> None:
    store_ledger_password(secrets, pg_ledger_url, "k3yr1ng-pw")
    ledger = await open_ledger(pg_ledger_url, secrets)
    try:
        assert ledger.engine.url.password == "k3yr1ng-pw"
        assert "k3yr1ng-pw" not in ledger.url
        assert "k3yr1ng-pw" not in repr(ledger.engine)
    finally:
        await ledger.close()


async def test_no_keyring_read_for_sqlite(tmp_path: Path, secrets: SecretStore) -> None:
    store_ledger_password(secrets, "postgresql://u@db.example/x", "unused")
    assert ledger_password(tmp_path / "l.db", secrets) is None
    assert ledger_password("postgresql://u@db.example/x", secrets) == "unused"
    # named for what it unlocks: another database, host, port or user has its own entry
    for other in ("postgresql://u@db.example/y", "postgresql://v@db.example/x"):
        assert ledger_password(other, secrets) is None
    assert ledger_password("postgresql://u@db.example:5433/x", secrets) is None


async def test_an_unreachable_server_is_named_without_the_password(secrets: SecretStore) -> None:
    url = "postgresql://procdesk@127.0.0.1:1/procdesk"
    store_ledger_password(secrets, url, "s3cr3t-pw")
    with pytest.raises(LedgerError) as caught:
        await open_ledger(url, secrets)
    assert "s3cr3t-pw" not in str(caught.value)
    assert "procdesk:***@127.0.0.1:1/procdesk" in str(caught.value)
