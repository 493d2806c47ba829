"""The procurement services' settings (from `[procurement]` and `[sync]` config) and the
base they are all built on: the ledger, the settings, who acts, the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from procdesk.config.procurement import ProcurementConfig
from procdesk.config.sync import SyncConfig
from procdesk.domain.clock import Clock
from procdesk.domain.enums import Distributor
from procdesk.domain.sourcing import SourcingPreference
from procdesk.integrations.distributor.protocol import DistributorClient
from procdesk.store.ledger import Ledger

# Builds a distributor's client from config and keyring; raises ProviderError (e.g.
# CredentialsMissingError) when it cannot.
ClientFactory = Callable[[Distributor], DistributorClient]

# Polling a confirmed order: soon after it changed, then less and less often.
POLL_MIN = timedelta(minutes=5)
POLL_MAX = timedelta(hours=6)


@dataclass(frozen=True)
class ProcurementSettings:
    approval_threshold: Decimal = Decimal("5000")
    auto_submit: bool = True
    price_tolerance_pct: Decimal = Decimal("5")
    stuck_after: timedelta = timedelta(minutes=30)
    retry_base: timedelta = timedelta(seconds=30)
    retry_max: timedelta = timedelta(hours=1)
    poll_min: timedelta = POLL_MIN
    poll_max: timedelta = POLL_MAX
    lease_for: timedelta = timedelta(minutes=2)
    batch_size: int = 50
    # Status polls are claimed in bigger batches: TD SYNNEX answers a whole batch from one
    # paged listing of the account's orders, so fewer, larger batches cost fewer requests.
    poll_batch_size: int = 500
    sourcing: SourcingPreference = field(default_factory=SourcingPreference)
    # Move newly queued hardware lines to the preferred distributor before routing.
    source_by_preference: bool = False

    @classmethod
    def from_config(cls, procurement: ProcurementConfig, sync: SyncConfig) -> ProcurementSettings:
        return cls(
            approval_threshold=procurement.approval_threshold,
            auto_submit=procurement.auto_submit,
            price_tolerance_pct=procurement.price_tolerance_pct,
            stuck_after=timedelta(minutes=procurement.stuck_after_minutes),
            retry_base=timedelta(seconds=sync.backoff_base_s),
            retry_max=timedelta(seconds=sync.backoff_max_s),
            lease_for=timedelta(seconds=sync.lease_s),
            batch_size=sync.batch_size,
            source_by_preference=procurement.source_by_preference,
            sourcing=SourcingPreference(
                priority=list(procurement.distributor_priority),
                prefer_cheaper_pct=procurement.prefer_cheaper_pct,
                stock_horizon_days=procurement.stock_horizon_days,
            ),
        )

    def needs_approval(self, value: Decimal) -> bool:
        return value > self.approval_threshold

    def retry_delay(self, attempts: int, retry_after: float | None = None) -> timedelta:
        """Exponential backoff after `attempts` failures; never sooner than the provider asks."""
        delay: timedelta = min(self.retry_base * (2 ** max(attempts - 1, 0)), self.retry_max)
        if retry_after is not None:
            delay = max(delay, timedelta(seconds=retry_after))
        return delay

    def poll_delay(self, unchanged_for: timedelta) -> timedelta:
        """The longer an order has not changed, the less often it is asked about."""
        return min(max(unchanged_for / 4, self.poll_min), self.poll_max)


class ProcurementService:
    """Base of the services that act on orders (actions, submit, poll, cancel)."""

    def __init__(
        self,
        ledger: Ledger,
        settings: ProcurementSettings,
        *,
        actor: str,
        clock: Clock,
    ) -> None:
        self._ledger = ledger
        self._settings = settings
        self._actor = actor
        self._clock = clock
