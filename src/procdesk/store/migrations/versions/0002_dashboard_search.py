"""dashboard search and sort indexes

Free text over ids, quote, company, SKU and error text goes through the database's own text
index: FTS5 (trigram tokenizer) on SQLite, pg_trgm on PostgreSQL. Composite indexes let a
status filter and a sort be served by one index walk.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SEARCHED = ("charges", "orders", "issues")
COMPOSITE = {
    "charges": ("updated_at", "company_name", "billable_amount", "quote_id"),
    "orders": ("updated_at", "company_name", "total_value", "distributor"),
}


def _sqlite_fts(table: str) -> list[str]:
    fts = f"{table}_fts"
    forget = (
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text);"
    )
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}', "
        "content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN {forget} END",
        f"CREATE TRIGGER {table}_fts_au AFTER UPDATE OF search_text ON {table} BEGIN "
        f"{forget} "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table, columns in COMPOSITE.items():
        for column in columns:
            op.create_index(f"ix_{table}_status_{column}_id", table, ["status", column, "id"])
    if dialect == "sqlite":
        for table in SEARCHED:
            for statement in _sqlite_fts(table):
                op.execute(statement)
    elif dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for table in SEARCHED:
            op.execute(
                f"CREATE INDEX ix_{table}_search_trgm ON {table} "
                "USING gin (search_text gin_trgm_ops)"
            )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in SEARCHED:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
    elif dialect == "postgresql":
        for table in SEARCHED:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_trgm")
    for table, columns in COMPOSITE.items():
        for column in columns:
            op.drop_index(f"ix_{table}_status_{column}_id", table_name=table)
