"""Procurement: orders at the distributors, from the queue until they arrive.

`queue` routes queued orders (approval, auto-submit) and merges them; `submit` places an
order exactly once (look-up by our reference before any resend); `poll` follows placed
orders; `cancel` cancels them at the distributor; `availability` compares stock and price
with the quote; `outcomes` turns answers and typed errors into states, issues and pauses;
`loop` is the worker's cycle; `actions` is what people do; `settings` their knobs.
"""
