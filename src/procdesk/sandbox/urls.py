"""Each provider's base URL on a sandbox at a given origin."""

from __future__ import annotations


def provider_base_urls(origin: str) -> dict[str, str]:
    origin = origin.rstrip("/")
    return {
        "autotask": f"{origin}/autotask/atservicesrest",
        "ingram": f"{origin}/ingram",
        "tdsynnex": f"{origin}/tdsynnex",
        # The XML interface lives on its own hosts at TD SYNNEX; clients append /SynnexXML/...
        "tdsynnex_xml": f"{origin}/tdsynnex",
    }
