"""The README's least-privilege roles work as written: the owner migrates, a worker's and a
person's login roles read and write rows but cannot change the schema."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from pathlib import Path

import asyncpg
import pytest
from click.testing import Result
from sqlalchemy.engine import make_url

from tests.support.postgres import ThrowawayCluster, drop_database, run_sync
from tests.support.postgres import _admin as admin

README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLES = README.parent / "examples" / "quotes.json"


def readme_sql(marker: str) -> list[str]:
    text = README.read_text()
    block = text.split(f"<!-- {marker} -->", 1)[1].split("```sql", 1)[1].split("```", 1)[0]
    return [s.strip() for s in block.split(";") if s.strip()]


async def try_ddl(url: str) -> None:
    u = make_url(url)
    conn = await asyncpg.connect(host=u.host, port=u.port, user=u.username, database=u.database)
    try:
        await conn.execute("CREATE TABLE sneaky (id int)")
    finally:
        await conn.close()


@pytest.mark.postgres
def test_the_readme_roles_let_people_and_workers_write_rows_but_not_the_schema(
    procdesk: Callable[..., Result], own_cluster: ThrowawayCluster
) -> None:
    suffix = uuid.uuid4().hex[:8]
    database = f"procdesk_{suffix}"

    def named(statement: str) -> str:  # unique names: roles are cluster-wide
        statement = re.sub(r"\bprocdesk_(owner|app|worker)\b", rf"procdesk_\1_{suffix}", statement)
        statement = re.sub(r"\balice\b", f"alice_{suffix}", statement)
        return re.sub(r"\bDATABASE procdesk\b", f"DATABASE {database}", statement)

    server = own_cluster.server_url
    run_sync(admin(server, *(named(s) for s in readme_sql("roles-server-sql"))))
    in_db = make_url(server).set(database=database).render_as_string(False)
    run_sync(admin(in_db, *(named(s) for s in readme_sql("roles-database-sql"))))

    def url(role: str) -> str:
        return make_url(server).set(username=role, database=database).render_as_string(False)

    try:
        owner = url(f"procdesk_owner_{suffix}")
        assert procdesk("--ledger", owner, "doctor").exit_code in (0, 1)  # migrates
        for role in (f"procdesk_worker_{suffix}", f"alice_{suffix}"):
            assert procdesk("--ledger", url(role), "charges", "list").exit_code == 0
        imported = procdesk("--ledger", url(f"alice_{suffix}"), "quotes", "import", str(EXAMPLES))
        assert imported.exit_code == 0, imported.stderr
        worked = procdesk("--ledger", url(f"procdesk_worker_{suffix}"), "worker", "--once")
        assert worked.exit_code == 0, worked.stderr
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            run_sync(try_ddl(url(f"procdesk_worker_{suffix}")))
    finally:
        drop_database(server, database)
