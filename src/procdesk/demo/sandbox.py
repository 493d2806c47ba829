"""The sandbox on its own, as `procdesk sandbox` serves it: the demo credentials each
provider accepts, and serving until Ctrl-C. The CLI reaches the sandbox only through here."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError

from procdesk.sandbox.config import SandboxConfig
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import run_forever
from procdesk.sandbox.urls import provider_base_urls


class SandboxSettingsError(ValueError):
    """A sandbox option is invalid (e.g. a fault rule that does not parse)."""


def credentials_document(origin: str) -> dict[str, dict[str, str]]:
    """Per provider: its base URL on a sandbox at `origin` and every demo credential field."""
    urls = provider_base_urls(origin)
    creds = DEMO_CREDENTIALS.model_dump()
    return {name: {"base_url": url, **creds[name]} for name, url in urls.items()}


def serve(
    *,
    host: str,
    port: int,
    seed: int,
    latency_ms: int,
    faults: str,
    announce: Callable[[], None],
) -> None:
    """Bind, call `announce`, serve until Ctrl-C. SandboxSettingsError for bad options,
    OSError when the address is taken."""
    try:
        config = SandboxConfig(
            host=host, port=port, seed=seed, latency_ms=latency_ms, faults=faults
        )
    except ValidationError as exc:
        raise SandboxSettingsError(exc.errors()[0]["msg"]) from None
    run_forever(config, announce)
