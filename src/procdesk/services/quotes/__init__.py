"""Quotes: reading quote files (JSON, CSV) into validated models, and importing them.

`files` reads and validates a file (every problem with its file, line and field);
`importer` applies a whole file to the ledger in one transaction, or nothing.
"""
