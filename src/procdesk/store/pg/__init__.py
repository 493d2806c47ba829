"""PostgreSQL-only parts of the ledger (team mode): shared request gate, change listener."""
