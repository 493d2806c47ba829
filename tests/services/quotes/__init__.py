"""Tests of procdesk.services.quotes: importing quote files into the ledger."""
