"""Which client serves which distributor: builds one from its settings and the keyring.

Apart from the protocol (`integrations.distributor`) so that the concrete clients, which
import the protocol's models, are never imported back by it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from procdesk.domain.clock import Clock, utc_now
from procdesk.domain.enums import Distributor
from procdesk.integrations.distributor.protocol import DistributorClient
from procdesk.integrations.ingram import create_ingram_client
from procdesk.integrations.tdsynnex import create_tdsynnex_client
from procdesk.integrations.tdsynnex_xml.distributor import create_tdsynnex_xml_client
from procdesk.secrets import SecretStore

# settings: the provider's config keys without their prefix (e.g. "base_url", "client_id");
# the clock: what "now" and "today" are for the client (the process's clock).
DistributorFactory = Callable[[Mapping[str, str], SecretStore, Clock], DistributorClient]


class DistributorRegistry:
    """Builds a client for a distributor from its settings and the keyring."""

    def __init__(self) -> None:
        self._factories: dict[Distributor, DistributorFactory] = {}

    def register(self, distributor: Distributor, factory: DistributorFactory) -> None:
        self._factories[distributor] = factory

    def supports(self, distributor: Distributor) -> bool:
        return distributor in self._factories

    def create(
        self,
        distributor: Distributor,
        settings: Mapping[str, str],
        secrets: SecretStore,
        clock: Clock = utc_now,
    ) -> DistributorClient:
        try:
            factory = self._factories[distributor]
        except KeyError:
            raise LookupError(f"no client is registered for {distributor.value}") from None
        return factory(settings, secrets, clock)


def default_registry() -> DistributorRegistry:
    """The registry with every distributor procdesk ships a client for."""
    registry = DistributorRegistry()
    registry.register(Distributor.INGRAM, create_ingram_client)
    registry.register(Distributor.TDSYNNEX, create_tdsynnex_client)
    registry.register(Distributor.TDSYNNEX_XML, create_tdsynnex_xml_client)
    return registry
