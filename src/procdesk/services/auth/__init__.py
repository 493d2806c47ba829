"""Credentials: their health in the ledger, and signing in to each provider.

`credentials` records credential state and pauses or resumes a provider's work;
`autotask` and `distributors` verify new credentials live before storing them;
`reauth` is re-authentication as the dashboard does it (fields, verify, store).
"""
