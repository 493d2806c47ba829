"""The sandbox's settings: where it listens, its seed, latency, faults and credentials."""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator

from procdesk.sandbox.credentials import DEMO_CREDENTIALS, DemoCredentials
from procdesk.sandbox.faults import parse_fault_spec


class SandboxConfig(BaseModel):
    host: str = "127.0.0.1"
    port: int = Field(default=8765, ge=0, le=65535)  # 0: any free port
    seed: int = 0
    latency_ms: int = Field(default=0, ge=0)
    faults: str = ""  # the `--faults` spec (see procdesk.sandbox.faults)
    credentials: DemoCredentials = DEMO_CREDENTIALS
    autotask_hourly_request_limit: int = Field(default=10_000, ge=1)

    @field_validator("faults")
    @classmethod
    def _faults_parse(cls, value: str) -> str:
        parse_fault_spec(value)
        return value
