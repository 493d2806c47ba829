"""Everything the Ingram Micro emulator remembers, with snapshot and reset for /_sandbox."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from procdesk.sandbox.clock import SandboxClock
from procdesk.sandbox.ingram.auth import DEFAULT_TOKEN_LIFETIME, TokenBook, demo_registrations
from procdesk.sandbox.ingram.orders import Order
from procdesk.sandbox.ingram.placement import OrderPlacer


class IngramSandbox:
    """The emulator's state: issued tokens and placed orders, both timed by the sandbox clock."""

    def __init__(self, clock: SandboxClock, seed: int) -> None:
        self.clock = clock
        self.seed = seed
        self.token_lifetime = DEFAULT_TOKEN_LIFETIME
        self.tokens = TokenBook(demo_registrations())
        self.placer = OrderPlacer(random.Random(seed))
        self._orders: dict[str, Order] = {}

    def reset(self) -> None:
        """Back to demo data: no tokens, no orders, default token lifetime, same seed."""
        self.token_lifetime = DEFAULT_TOKEN_LIFETIME
        self.tokens = TokenBook(demo_registrations())
        self.placer = OrderPlacer(random.Random(self.seed))
        self._orders = {}

    def set_token_lifetime(self, seconds: int) -> None:
        """Lifetime of tokens issued from now on (expires_in answers it); for expiry tests."""
        if seconds < 1:
            raise ValueError("a token lifetime is at least one second")
        self.token_lifetime = timedelta(seconds=seconds)

    def add_order(self, order: Order) -> None:
        self._orders[order.ingram_order_number] = order

    def order(self, ingram_order_number: str) -> Order | None:
        return self._orders.get(ingram_order_number.strip().upper())

    def orders(self) -> list[Order]:
        return list(self._orders.values())

    def snapshot(self) -> dict[str, Any]:
        now = self.clock.now()
        return {
            "orders": [
                {
                    "ingramOrderNumber": order.ingram_order_number,
                    "customerOrderNumber": order.customer_order_number,
                    "orderStatus": order.status(now),
                    "lines": len(order.lines),
                }
                for order in self._orders.values()
            ],
            "tokens": self.tokens.counts(now),
            "token_lifetime_seconds": int(self.token_lifetime.total_seconds()),
        }
