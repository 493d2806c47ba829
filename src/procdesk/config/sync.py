"""`[sync]`: how the workers pace themselves."""

from __future__ import annotations

from pydantic import Field, model_validator

from procdesk.config.section import Section

DAY_S = 86_400.0


class SyncConfig(Section):
    # Finite and bounded: an interval of 1e400 (infinity) would mean a worker never cycles.
    interval_s: float = Field(default=30.0, gt=0, le=DAY_S, allow_inf_nan=False)  # between cycles
    # first retry delay after a failure
    backoff_base_s: float = Field(default=30.0, gt=0, le=DAY_S, allow_inf_nan=False)
    # longest retry delay
    backoff_max_s: float = Field(default=3600.0, gt=0, le=7 * DAY_S, allow_inf_nan=False)
    lease_s: int = Field(default=120, ge=10, le=3600)  # how long a worker holds claimed work
    batch_size: int = Field(default=50, ge=1, le=500)
    # the longest pause between tries while the ledger cannot be reached (workers, dashboards)
    reconnect_max_s: float = Field(default=15.0, gt=0, le=300)

    @model_validator(mode="after")
    def _backoff_order(self) -> SyncConfig:
        if self.backoff_max_s < self.backoff_base_s:
            raise ValueError("sync.backoff_max_s must be >= sync.backoff_base_s")
        return self
