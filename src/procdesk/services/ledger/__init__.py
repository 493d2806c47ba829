"""The ledger's lifecycle: backups, restores and schema migrations (`procdesk ledger`)."""
