"""A PostgreSQL cluster of the team tests' own: they stop and start it (outages) and give it
a role that must log in with a password, which a shared server (PROCDESK_TEST_PG_URL) would
not allow. Skips, saying why, only on a machine with no PostgreSQL binaries."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.postgres import (
    NO_POSTGRES,
    ThrowawayCluster,
    create_database,
    database_url,
    drop_database,
    pg_bin_dir,
    run_sync,
)
from tests.support.postgres import _admin as admin

PASSWORD_ROLE = "procdesk_pw"
PASSWORD = "r1ght-pw"


@pytest.fixture(scope="session")
def own_cluster() -> Iterator[ThrowawayCluster]:
    bin_dir = pg_bin_dir()
    if bin_dir is None:
        pytest.skip(NO_POSTGRES)
    cluster = ThrowawayCluster(bin_dir)
    server = cluster.start(
        hba_first=(f"host all {PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256",),
    )
    run_sync(admin(server, f"CREATE ROLE {PASSWORD_ROLE} LOGIN SUPERUSER PASSWORD '{PASSWORD}'"))
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def own_database(own_cluster: ThrowawayCluster) -> Iterator[str]:
    """A fresh, empty database on the cluster (URL without a password, as the trust role)."""
    server = own_cluster.server_url
    name = create_database(server)
    try:
        yield database_url(server, name)
    finally:
        own_cluster.resume_if_halted()
        drop_database(server, name)
