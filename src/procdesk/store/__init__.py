"""The ledger: SQLAlchemy Core over SQLite (default) or PostgreSQL (team mode)."""
