"""The standing preference: priority, prefer-cheaper threshold, stock horizon, splits."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from procdesk.domain.enums import Distributor
from procdesk.domain.sourcing import (
    Offer,
    SourcingPreference,
    best_offer,
    split_plan,
    why_preferred,
)

IM, TX = Distributor.INGRAM, Distributor.TDSYNNEX_XML
TODAY = date(2026, 12, 6)
PREF = SourcingPreference(priority=[IM, TX], prefer_cheaper_pct=Decimal("3"), stock_horizon_days=14)


def offer(
    d: Distributor,
    stock: int,
    price: str | None,
    eta_days: int | None = None,
    *,
    orderable: bool = True,
) -> Offer:
    return Offer(
        distributor=d,
        orderable=orderable,
        in_stock=stock,
        price=Decimal(price) if price else None,
        eta=TODAY + timedelta(days=eta_days) if eta_days is not None else None,
    )


@pytest.mark.parametrize(
    ("offers", "quantity", "winner"),
    [
        ([offer(IM, 5, "100"), offer(TX, 5, "99")], 2, IM),  # 1 % cheaper: priority holds
        ([offer(IM, 5, "100"), offer(TX, 5, "96.99")], 2, TX),  # 3.01 % cheaper: switch
        ([offer(IM, 5, "100"), offer(TX, 5, "97")], 2, IM),  # exactly 3 %: not above
        ([offer(IM, 0, "100"), offer(TX, 5, "120")], 2, TX),  # only TD SYNNEX has stock
        ([offer(IM, 0, "100", 10), offer(TX, 0, "90", 30)], 2, IM),  # TX stock too late
        ([offer(IM, 0, "100", 20), offer(TX, 0, "90", 30)], 2, None),  # both too late
        ([offer(IM, 0, "100"), offer(TX, 0, "90")], 2, None),  # backorder, no date known
        ([offer(IM, 5, "100", orderable=False), offer(TX, 1, "90")], 2, None),
        ([offer(IM, 1, "100"), offer(TX, 3, "120")], 3, TX),
        ([offer(IM, 5, None), offer(TX, 5, "120")], 1, TX),  # no price: cannot judge it
        ([], 1, None),
    ],
)
def test_best_offer(offers: list[Offer], quantity: int, winner: Distributor | None) -> None:
    best = best_offer(offers, quantity, PREF, TODAY)
    assert (best.distributor if best else None) is winner


def test_priority_order_is_the_buyers() -> None:
    pref = PREF.model_copy(update={"priority": [TX, IM]})
    best = best_offer([offer(IM, 5, "100"), offer(TX, 5, "101")], 1, pref, TODAY)
    assert best is not None
    assert best.distributor is TX


@pytest.mark.parametrize(
    ("offers", "quantity", "plan"),
    [
        ([offer(IM, 3, "100"), offer(TX, 4, "100")], 6, [(IM, 3), (TX, 3)]),
        ([offer(IM, 0, "100"), offer(TX, 4, "100")], 6, []),  # all together too few
        ([offer(IM, 6, "100"), offer(TX, 4, "100")], 6, []),  # one has it all: no split
        ([offer(IM, 3, "100", orderable=False), offer(TX, 4, "100")], 6, []),
    ],
)
def test_split_plan(
    offers: list[Offer], quantity: int, plan: list[tuple[Distributor, int]]
) -> None:
    assert split_plan(offers, quantity, PREF) == plan


@pytest.mark.parametrize(
    ("best", "current", "quantity", "reason"),
    [
        (  # the line's own distributor has too few and no arrival date
            offer(TX, 3, "650"),
            offer(IM, 0, "645"),
            2,
            "ingram has 0 of 2 in stock and no arrival date for more; tdsynnex_xml has 3 in stock",
        ),
        (  # more arrives, but after the horizon
            offer(TX, 5, "1039"),
            offer(IM, 1, "1029", eta_days=20),
            2,
            f"ingram has 1 of 2 in stock and expects more on {TODAY + timedelta(days=20)}, "
            "beyond the 14-day horizon; tdsynnex_xml has 5 in stock",
        ),
        (  # discontinued where it was quoted
            offer(TX, 4, "300"),
            Offer(distributor=IM, orderable=False, state="discontinued"),
            1,
            "ingram cannot sell it (discontinued); tdsynnex_xml has 4 in stock",
        ),
        (  # the winner only has it on backorder, within the horizon
            offer(TX, 0, "300", eta_days=6),
            Offer(distributor=IM, orderable=False),
            1,
            f"ingram cannot sell it (not orderable); tdsynnex_xml expects it by "
            f"{TODAY + timedelta(days=6)}",
        ),
        (  # both can: the saving beats the threshold
            offer(TX, 5, "871.99"),
            offer(IM, 5, "899.00"),
            2,
            "tdsynnex_xml is 3.0044 % cheaper (871.99 against 899.00), more than the 3 % threshold",
        ),
        (  # both can, no saving worth it: priority
            offer(IM, 5, "100"),
            offer(TX, 5, "99"),
            2,
            "both can supply it and ingram comes before tdsynnex_xml in the distributor priority",
        ),
    ],
)
def test_why_the_preferred_offer_wins(
    best: Offer, current: Offer, quantity: int, reason: str
) -> None:
    assert why_preferred(best, current, quantity, PREF, TODAY) == reason
