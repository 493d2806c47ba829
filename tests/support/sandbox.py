"""Raw HTTP to the sandbox's Autotask emulator: its REST root and the demo's auth headers."""

from __future__ import annotations

from procdesk.sandbox.credentials import DEMO_CREDENTIALS

AUTOTASK_ROOT = "/autotask/atservicesrest/v1.0"


def autotask_headers() -> dict[str, str]:
    creds = DEMO_CREDENTIALS.autotask
    return {
        "ApiIntegrationCode": creds.integration_code,
        "UserName": creds.username,
        "Secret": creds.secret,
    }
