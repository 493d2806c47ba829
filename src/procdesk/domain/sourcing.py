"""Which distributor a part should come from: the buyer's standing preference.

A distributor *covers* a line when it has the whole quantity in stock, or takes a backorder
whose stock arrives within the horizon (stock expected later is ignored, as is stock whose
arrival date nobody knows). Among those that cover the line, the first in priority order
wins, unless another is cheaper by more than the threshold (then the cheapest such one
does). When none covers the line, nobody is proposed: the buyer may split it.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from pydantic import BaseModel, Field

from procdesk.domain.enums import Distributor
from procdesk.domain.money import round4


class SourcingPreference(BaseModel):
    priority: list[Distributor] = Field(
        default_factory=lambda: [Distributor.INGRAM, Distributor.TDSYNNEX_XML]
    )
    prefer_cheaper_pct: Decimal = Field(default=Decimal("3"), ge=0)
    stock_horizon_days: int = Field(default=14, ge=0)

    def rank(self, distributor: Distributor) -> int:
        return self.priority.index(distributor) if distributor in self.priority else 99


class Offer(BaseModel):
    """What one distributor can do for one line now."""

    distributor: Distributor
    orderable: bool  # active at the distributor (in stock or backorderable)
    in_stock: int = 0
    price: Decimal | None = None
    eta: date | None = None  # when backordered stock arrives, if known
    state: str = ""  # what the distributor says of the part, as a person says it


def covers(offer: Offer, quantity: int, pref: SourcingPreference, today: date) -> bool:
    if not offer.orderable or offer.price is None:
        return False
    if offer.in_stock >= quantity:
        return True
    horizon = today + timedelta(days=pref.stock_horizon_days)
    return offer.eta is not None and offer.eta <= horizon


def saving_pct(price: Decimal, than: Decimal) -> Decimal:
    """How much cheaper `price` is than `than`, in percent of `than`."""
    if than <= 0:
        return Decimal(0)
    return round4((than - price) / than * 100)


def best_offer(
    offers: list[Offer], quantity: int, pref: SourcingPreference, today: date
) -> Offer | None:
    """The preferred offer that covers the line, or None when none does."""
    covering = sorted(
        (o for o in offers if covers(o, quantity, pref, today)),
        key=lambda o: pref.rank(o.distributor),
    )
    if not covering:
        return None
    first = covering[0]
    assert first.price is not None
    cheaper = [
        o
        for o in covering[1:]
        if o.price is not None and saving_pct(o.price, first.price) > pref.prefer_cheaper_pct
    ]
    return min(cheaper, key=lambda o: (o.price, pref.rank(o.distributor))) if cheaper else first


def split_plan(
    offers: list[Offer], quantity: int, pref: SourcingPreference
) -> list[tuple[Distributor, int]]:
    """When no one distributor has the whole quantity in stock: take what each has on the
    shelf, in priority order, until the line is covered. Empty when even all together
    have too little (then backorder at one distributor instead)."""
    plan: list[tuple[Distributor, int]] = []
    left = quantity
    for offer in sorted(offers, key=lambda o: pref.rank(o.distributor)):
        if left == 0:
            break
        if not offer.orderable or offer.price is None or offer.in_stock <= 0:
            continue
        take = min(offer.in_stock, left)
        plan.append((offer.distributor, take))
        left -= take
    return plan if left == 0 and len(plan) > 1 else []


def why_preferred(
    best: Offer, current: Offer, quantity: int, pref: SourcingPreference, today: date
) -> str:
    """Why `best` wins over `current` (the line's distributor now), in a buyer's words."""
    if not covers(current, quantity, pref, today):
        return f"{current.distributor.value} {_shortfall(current, quantity, pref)}; " + (
            f"{best.distributor.value} has {best.in_stock} in stock"
            if best.in_stock >= quantity
            else f"{best.distributor.value} expects it by {best.eta}"
        )
    assert best.price is not None
    assert current.price is not None
    saving = saving_pct(best.price, current.price)
    if saving > pref.prefer_cheaper_pct:
        return (
            f"{best.distributor.value} is {saving.normalize():f} % cheaper ({best.price} against "
            f"{current.price}), more than the {pref.prefer_cheaper_pct.normalize():f} % threshold"
        )
    return (
        f"both can supply it and {best.distributor.value} comes before "
        f"{current.distributor.value} in the distributor priority"
    )


def _shortfall(offer: Offer, quantity: int, pref: SourcingPreference) -> str:
    if not offer.orderable or offer.price is None:
        return f"cannot sell it ({offer.state or 'not orderable'})"
    if offer.eta is None:
        return f"has {offer.in_stock} of {quantity} in stock and no arrival date for more"
    return (
        f"has {offer.in_stock} of {quantity} in stock and expects more on {offer.eta}, "
        f"beyond the {pref.stock_horizon_days}-day horizon"
    )
