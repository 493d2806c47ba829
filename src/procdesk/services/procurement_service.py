"""What every procurement service is built from: the ledger, the settings, who acts, the time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from procdesk.services.procurement_settings import ProcurementSettings
from procdesk.store.ledger import Ledger


class ProcurementService:
    """Base of the services that act on orders (actions, submit, poll, cancel)."""

    def __init__(
        self,
        ledger: Ledger,
        settings: ProcurementSettings,
        *,
        actor: str,
        clock: Callable[[], datetime],
    ) -> None:
        self._ledger = ledger
        self._settings = settings
        self._actor = actor
        self._clock = clock
