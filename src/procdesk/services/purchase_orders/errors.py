"""The errors of people's purchase-order actions, in words for the person."""

from __future__ import annotations


class PoActionError(Exception):
    """The action cannot be done; the message says why, in words for the person."""


class AutotaskUnavailableError(PoActionError):
    """Autotask could not be asked (not configured, not answering)."""


class ReceivingRefusedError(PoActionError):
    """Autotask refused a receipt; the message is Autotask's own (an issue is open too)."""


class OrderNotFoundError(PoActionError):
    """No order has this id (the operation failed, as `orders show` says it)."""

    def __init__(self, order_id: int) -> None:
        super().__init__(f"no order {order_id} in the ledger")
