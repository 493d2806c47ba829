"""Alembic environment: always driven programmatically by `procdesk.store.migrate`.

The caller passes an open (sync-facing) connection in `config.attributes["connection"]`;
the same migrations run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from alembic import context

from procdesk.store.schema import is_ledger_table, metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite ALTER needs batch mode
    compare_type=True,
    include_name=lambda name, type_, _parent: type_ != "table" or is_ledger_table(str(name)),
)
with context.begin_transaction():
    context.run_migrations()
