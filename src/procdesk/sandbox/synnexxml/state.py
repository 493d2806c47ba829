"""Everything the TD SYNNEX XML emulator remembers, with snapshot and reset for /_sandbox."""

from __future__ import annotations

import random
from typing import Any

from procdesk.sandbox.clock import SandboxClock
from procdesk.sandbox.credentials import DEMO_CREDENTIALS, TdSynnexXmlDemoCredentials
from procdesk.sandbox.synnexxml.orders import XmlOrder
from procdesk.sandbox.synnexxml.placement import Numbers, Placer


def po_key(po_number: str) -> str:
    """PO numbers compare without regard to case or surrounding blanks (sandbox's choice)."""
    return po_number.strip().upper()


class SynnexXmlSandbox:
    """The one demo EC Express account and its purchase orders, timed by the sandbox clock."""

    def __init__(self, clock: SandboxClock, seed: int) -> None:
        self.clock = clock
        self.seed = seed
        self.account: TdSynnexXmlDemoCredentials = DEMO_CREDENTIALS.tdsynnex_xml
        self.reset()

    def reset(self) -> None:
        """Back to demo data: no orders, and the numbering starts again from the seed."""
        self.placer = Placer(Numbers(random.Random(f"tdsynnex-xml:{self.seed}")))
        self._orders: dict[str, XmlOrder] = {}

    def add_order(self, order: XmlOrder) -> None:
        self._orders[po_key(order.po_number)] = order

    def order(self, po_number: str) -> XmlOrder | None:
        return self._orders.get(po_key(po_number))

    def orders(self) -> list[XmlOrder]:
        return list(self._orders.values())

    def snapshot(self) -> dict[str, Any]:
        now = self.clock.now()
        return {
            "order_count": len(self._orders),
            "orders": [order.summary(now) for order in self._orders.values()],
        }
