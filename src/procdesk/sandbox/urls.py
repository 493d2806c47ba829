"""Each provider's base URL on a sandbox at a given origin."""

from __future__ import annotations


def provider_base_urls(origin: str) -> dict[str, str]:
    origin = origin.rstrip("/")
    return {
        "autotask": f"{origin}/autotask/atservicesrest",
        "ingram": f"{origin}/ingram",
        "tdsynnex": f"{origin}/tdsynnex",
    }
