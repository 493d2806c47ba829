"""Everything the StreamOne ION emulator remembers, with snapshot and reset for /_sandbox."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from procdesk.sandbox.clock import SandboxClock
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.tdsynnex.auth import (
    DEFAULT_ACCESS_LIFETIME,
    DEFAULT_REFRESH_LIFETIME,
    IonTokenBook,
)
from procdesk.sandbox.tdsynnex.orders import IonOrder


class TdSynnexSandbox:
    """Tokens and orders of the one demo ION account, timed by the sandbox clock."""

    def __init__(self, clock: SandboxClock, seed: int) -> None:
        self.clock = clock
        self.seed = seed
        self.account_id = DEMO_CREDENTIALS.tdsynnex.account_id
        self.reset()

    def reset(self) -> None:
        """Back to demo data: default lifetimes, no orders, only the demo refresh token valid."""
        self.access_lifetime = DEFAULT_ACCESS_LIFETIME
        self.refresh_lifetime = DEFAULT_REFRESH_LIFETIME
        self.tokens = IonTokenBook(
            DEMO_CREDENTIALS.tdsynnex.refresh_token, self.clock.now(), self.refresh_lifetime
        )
        self._rng = random.Random(self.seed)
        self._orders: dict[str, IonOrder] = {}

    def set_lifetimes(
        self, *, access_seconds: int | None = None, refresh_seconds: int | None = None
    ) -> None:
        """Lifetimes of tokens issued from now on; for expiry tests."""
        for seconds in (access_seconds, refresh_seconds):
            if seconds is not None and seconds < 1:
                raise ValueError("a token lifetime is at least one second")
        if access_seconds is not None:
            self.access_lifetime = timedelta(seconds=access_seconds)
        if refresh_seconds is not None:
            self.refresh_lifetime = timedelta(seconds=refresh_seconds)

    def new_order_id(self) -> str:
        while True:
            order_id = str(self._rng.randint(10_000_000, 99_999_999))
            if order_id not in self._orders:
                return order_id

    def add_order(self, order: IonOrder) -> None:
        self._orders[order.order_id] = order

    def order(self, customer_id: str, order_id: str) -> IonOrder | None:
        order = self._orders.get(order_id)
        return order if order is not None and order.customer_id == customer_id else None

    def orders(self) -> list[IonOrder]:
        return list(self._orders.values())

    def snapshot(self) -> dict[str, Any]:
        now = self.clock.now()
        return {
            "orders": [
                {
                    "id": order.order_id,
                    "customerId": order.customer_id,
                    "referenceId": order.reference_id,
                    "status": order.status(now),
                    "items": len(order.items),
                }
                for order in self._orders.values()
            ],
            "tokens": self.tokens.counts(now),
            "access_lifetime_seconds": int(self.access_lifetime.total_seconds()),
            "refresh_lifetime_seconds": int(self.refresh_lifetime.total_seconds()),
        }
