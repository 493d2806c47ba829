"""Ticket charges: syncing them to Autotask exactly once, and what people do to them.

`loop` claims due charges and creates each once (marker first, look-up before any retry),
`payload` turns a charge into what is sent, `outcomes` records each try, `cancel` carries
out cancellations in Autotask, `refresh` re-reads synced charges' procurement status,
`issues` words the issues, `actions` is retry / cancel / re-order for people.
"""
