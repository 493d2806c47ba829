"""Versioned schema migrations (alembic), applied when the ledger opens."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlalchemy as sa
    from sqlalchemy.ext.asyncio import AsyncConnection

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The newest revision under migrations/versions (a test checks it against alembic's head).
# Opening an up-to-date ledger compares against it without importing alembic, which costs
# about 0.2 s of start-up; alembic is imported only when there is something to apply.
if TYPE_CHECKING:
    from alembic.config import Config

HEAD_REVISION = "0008"
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


def known_revisions() -> frozenset[str]:
    """Every revision this code can migrate from (read from the file names, `NNNN_*.py`)."""
    return frozenset(
        match.group(1)
        for path in (MIGRATIONS_DIR / "versions").iterdir()
        if (match := _REVISION_FILE.match(path.name))
    )


def _alembic_config(connection: sa.Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    config = _alembic_config(None)  # type: ignore[arg-type]
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def upgrade_to(connection: sa.Connection, revision: str) -> None:
    """Apply the migrations up to `revision` ("head" for the newest) on `connection`."""
    from alembic import command

    command.upgrade(_alembic_config(connection), revision)


def _upgrade(connection: sa.Connection) -> None:
    upgrade_to(connection, "head")


def _stamped(connection: sa.Connection) -> str | None:
    """The revision recorded in alembic's version table, read with plain SQL."""
    import sqlalchemy as sa

    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


async def current_revision(conn: AsyncConnection) -> str | None:
    return await conn.run_sync(_stamped)


async def upgrade_to_head(conn: AsyncConnection) -> None:
    """Bring the schema to the newest revision; a no-op when it is already there."""
    if await conn.run_sync(_stamped) == HEAD_REVISION:
        return
    await conn.run_sync(_upgrade)
