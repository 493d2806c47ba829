"""Which config keys each distributor's client takes, read out of the settings.

Secrets are not among them: they live in the keyring.
"""

from __future__ import annotations

from procdesk.config.settings import Settings
from procdesk.domain.enums import Distributor

DISTRIBUTOR_KEYS: dict[Distributor, tuple[str, ...]] = {
    Distributor.INGRAM: ("base_url", "client_id", "customer_number", "country_code", "sender_id"),
    Distributor.TDSYNNEX: ("base_url", "account_id"),
    Distributor.TDSYNNEX_XML: ("base_url", "customer_number", "username"),
}
OPTIONAL_DISTRIBUTOR_KEYS = frozenset({"sender_id"})


def distributor_settings(settings: Settings, distributor: Distributor) -> dict[str, str]:
    """The distributor's config section as its client takes it (unset keys left out)."""
    section = getattr(settings, distributor.value).model_dump()
    return {
        key: str(section[key])
        for key in DISTRIBUTOR_KEYS[distributor]
        if section.get(key) is not None
    }


def missing_distributor_keys(settings: Settings, distributor: Distributor) -> list[str]:
    """The `<distributor>.<key>` settings its client needs that are not set."""
    present = distributor_settings(settings, distributor)
    return [
        f"{distributor.value}.{key}"
        for key in DISTRIBUTOR_KEYS[distributor]
        if key not in present and key not in OPTIONAL_DISTRIBUTOR_KEYS
    ]
