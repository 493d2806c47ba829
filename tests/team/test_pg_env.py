"""CI's PostgreSQL is really used: with PROCDESK_TEST_PG_URL set, PostgreSQL tests cannot skip.

`.ci/run` exports PROCDESK_TEST_PG_URL; the fixtures then take that server and never skip,
so this test fails (rather than skipping the PostgreSQL half of the suite) if it is unusable.
"""

from __future__ import annotations

import os

import pytest

from procdesk.store.ledger import Ledger
from procdesk.store.migrate import current_revision, head_revision
from tests.support.postgres import PG_URL_ENV


async def test_the_configured_server_is_the_one_tests_use(
    pg_server_url: str | None, pg_url: str
) -> None:
    if os.environ.get(PG_URL_ENV):
        assert pg_server_url == os.environ[PG_URL_ENV]
    ledger = await Ledger.open(pg_url)
    try:
        assert ledger.dialect == "postgresql"
        async with ledger.read() as conn:
            assert await current_revision(conn) == head_revision()
    finally:
        await ledger.close()


def test_env_var_never_skips(pg_server_url: str | None) -> None:
    if os.environ.get(PG_URL_ENV) and pg_server_url is None:
        pytest.fail(f"{PG_URL_ENV} is set but no PostgreSQL server was configured")
    assert pg_server_url is None or pg_server_url.startswith("postgresql://")
