"""What a person is about to act on, before they confirm: how many charges, in which
state, how many reach into Autotask, which come from a withdrawn quote."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from pydantic import BaseModel, Field

from procdesk.domain.enums import ChargeStatus, IssueKind, QuoteStatus
from procdesk.store import charges as charge_store
from procdesk.store import quotes as quote_store
from procdesk.store.ledger import Ledger

WITHDRAWN = (QuoteStatus.RETRACTED, QuoteStatus.DECLINED)


class ChargeSelection(BaseModel):
    ids: list[int] = Field(default_factory=list)  # the charges that exist, in the order asked
    missing: list[int] = Field(default_factory=list)
    by_status: dict[ChargeStatus, int] = Field(default_factory=dict)
    in_autotask: int = 0  # synced and not billed: a cancel deletes them there first
    billed: int = 0  # billed in Autotask: never changed
    amount: dict[str, Decimal] = Field(default_factory=dict)  # currency -> billable total
    withdrawn: dict[str, QuoteStatus] = Field(default_factory=dict)  # quote -> retracted|declined
    withdrawn_charges: list[int] = Field(default_factory=list)

    def count(self, *statuses: ChargeStatus) -> int:
        return sum(self.by_status.get(s, 0) for s in statuses)


async def select_charges(ledger: Ledger, ids: Sequence[int]) -> ChargeSelection:
    found = ChargeSelection()
    async with ledger.read() as conn:
        rows = {c.id: c for c in await charge_store.get_many(conn, ids)}
        quotes = {}
        for quote_id in sorted({c.quote_id for c in rows.values()}):
            if (quote := await quote_store.get(conn, quote_id)) is not None:
                quotes[quote_id] = quote
    for charge_id in ids:
        charge = rows.get(charge_id)
        if charge is None:
            found.missing.append(charge_id)
            continue
        found.ids.append(charge.id)
        found.by_status[charge.status] = found.by_status.get(charge.status, 0) + 1
        if charge.status is ChargeStatus.SYNCED:
            if charge.is_billed:
                found.billed += 1
            else:
                found.in_autotask += 1
        quote = quotes.get(charge.quote_id)
        currency = quote.currency if quote else "?"
        found.amount[currency] = found.amount.get(currency, Decimal(0)) + charge.billable_amount
        if quote is not None and quote.status in WITHDRAWN:
            found.withdrawn[quote.id] = quote.status
            found.withdrawn_charges.append(charge.id)
    return found


async def in_trouble(ledger: Ledger, kind: IssueKind | None) -> list[int]:
    """The charges `retry --all-errors` (of `kind`) would send again."""
    async with ledger.read() as conn:
        return await charge_store.ids_in_trouble(conn, error_kind=kind)
