"""`SynnexXmlDistributor`: TD SYNNEX hardware behind procdesk's distributor interface.

Wraps the wire client (`SynnexXmlClient`) and owns its HTTP client. No duplicate orders:
TD SYNNEX refuses a PO number it already holds, so a resubmission after an uncertain
outcome becomes a lookup by PO number (`place_order` adopts what TD SYNNEX has), and the
procurement service looks the reference up (`find_order`) before it resubmits anyway.
The XML interface has no cancel call: an order is cancelled with TD SYNNEX directly.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

import httpx
from pydantic import BaseModel, Field, SecretStr
from pydantic import ValidationError as PydanticValidationError

from procdesk.domain.clock import Clock, utc_now
from procdesk.domain.enums import CredentialState, Distributor, Provider
from procdesk.integrations.distributor.models import (
    CredentialStatus,
    OrderRequest,
    OrderSnapshot,
    PartAvailability,
    PlacedOrder,
)
from procdesk.integrations.errors import (
    AuthenticationError,
    CredentialsMissingError,
    NotFoundError,
    ValidationError,
)
from procdesk.integrations.oauth_client import OwnsHttpClient
from procdesk.integrations.tdsynnex_xml import mapping
from procdesk.integrations.tdsynnex_xml.client import SynnexXmlClient
from procdesk.integrations.tdsynnex_xml.credentials import SynnexXmlCredentials
from procdesk.integrations.tdsynnex_xml.errors import PROVIDER, DuplicatePoError
from procdesk.integrations.tdsynnex_xml.price_availability import PartQuery
from procdesk.secrets import SecretStore
from procdesk.secrets.accounts import section_entry

PASSWORD_FIELD = "password"
VERIFY_PART = PartQuery.mfg("PROCDESK-LOGIN-CHECK")  # any part: the login is what is checked
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
DEFAULT_LIMITS = httpx.Limits(max_connections=8, max_keepalive_connections=4)


class SynnexXmlSettings(BaseModel):
    """The `tdsynnex_xml.*` config keys."""

    base_url: str = Field(min_length=1)
    customer_number: str = Field(min_length=1, max_length=20)
    username: str = Field(min_length=1, max_length=100)


class SynnexXmlDistributor(OwnsHttpClient):
    """Implements `DistributorClient` and `HardwareCatalog` for TD SYNNEX's XML door."""

    distributor = Distributor.TDSYNNEX_XML
    can_cancel = False

    def __init__(
        self,
        settings: SynnexXmlSettings,
        password: str,
        *,
        clock: Clock = utc_now,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        status_concurrency: int = 4,
    ) -> None:
        self._clock = clock
        self._http = httpx.AsyncClient(
            base_url=settings.base_url.rstrip("/"), timeout=timeout, limits=DEFAULT_LIMITS
        )
        credentials = SynnexXmlCredentials(
            customer_number=settings.customer_number,
            username=settings.username,
            password=SecretStr(password),
        )
        self._xml = SynnexXmlClient(self._http, credentials)
        self._status_slots = asyncio.Semaphore(status_concurrency)
        self._signed_in = False

    def __repr__(self) -> str:
        return f"SynnexXmlDistributor({self._xml!r})"

    # --- credentials ----------------------------------------------------------------------

    def credential_status(self) -> CredentialStatus:
        """`ok` once a call went through with this login (there are no tokens to expire)."""
        return CredentialStatus(
            provider=PROVIDER,
            state=CredentialState.OK if self._signed_in else CredentialState.MISSING,
            checked_at=self._clock(),
            message="" if self._signed_in else "not used yet",
        )

    async def verify(self) -> CredentialStatus:
        """A one-part price request: TD SYNNEX answers it only for a valid login."""
        try:
            await self._xml.price_availability([VERIFY_PART])
        except AuthenticationError as exc:
            return CredentialStatus(
                provider=PROVIDER,
                state=CredentialState.INVALID,
                checked_at=self._clock(),
                message=exc.message,
                kind=exc.kind,
            )
        self._signed_in = True
        return CredentialStatus(
            provider=PROVIDER, state=CredentialState.OK, checked_at=self._clock()
        )

    # --- catalog --------------------------------------------------------------------------

    async def availability(self, parts: list[str]) -> list[PartAvailability]:
        """By TD SYNNEX SKU (digits) or manufacturer part number; 50 parts per request."""
        lines = await self._xml.price_availability([mapping.part_query(p) for p in parts])
        self._signed_in = True
        return [mapping.availability(part, line) for part, line in zip(parts, lines, strict=True)]

    async def availability_by_manufacturer(self, parts: list[str]) -> list[PartAvailability]:
        lines = await self._xml.price_availability([PartQuery.mfg(p) for p in parts])
        self._signed_in = True
        return [mapping.availability(part, line) for part, line in zip(parts, lines, strict=True)]

    # --- orders ---------------------------------------------------------------------------

    async def place_order(self, order: OrderRequest) -> PlacedOrder:
        try:
            purchase_order = mapping.purchase_order(order)
        except PydanticValidationError as exc:
            fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors())
            raise ValidationError(
                PROVIDER,
                f"order {order.reference} cannot be sent to TD SYNNEX: missing or too long: "
                f"{fields}",
                operation="POST /SynnexXML/PO",
            ) from None
        try:
            response = await self._xml.submit_po(purchase_order)
        except DuplicatePoError:
            # TD SYNNEX already holds our PO number: an earlier attempt got through.
            found = await self.find_order(order.reference)
            if found is None:
                raise
            return found
        self._signed_in = True
        return mapping.placed_order(response)

    async def find_order(self, reference: str) -> PlacedOrder | None:
        reply = await self._xml.po_status(reference)
        self._signed_in = True
        return None if reply is None else mapping.placed_from_status(reply)

    async def order_status(self, distributor_order_id: str) -> OrderSnapshot:
        reply = await self._xml.po_status(distributor_order_id)
        self._signed_in = True
        if reply is None:
            raise NotFoundError(
                PROVIDER,
                f"TD SYNNEX has no order under PO {distributor_order_id}",
                operation="POST /SynnexXML/POStatus",
            )
        return mapping.snapshot(reply)

    async def order_statuses(self, distributor_order_ids: list[str]) -> list[OrderSnapshot]:
        """One status request per PO (the XML interface has no batch status)."""

        async def one(po_number: str) -> OrderSnapshot:
            async with self._status_slots:
                return await self.order_status(po_number)

        return list(await asyncio.gather(*(one(i) for i in distributor_order_ids)))

    async def cancel(self, distributor_order_id: str) -> OrderSnapshot:
        raise ValidationError(
            PROVIDER,
            f"TD SYNNEX's XML interface cannot cancel orders: ask TD SYNNEX to cancel PO "
            f"{distributor_order_id} (EC Express or your account manager)",
            operation="cancel",
        )


def create_tdsynnex_xml_client(
    settings: Mapping[str, str], secrets: SecretStore, clock: Clock = utc_now
) -> SynnexXmlDistributor:
    """From the `tdsynnex_xml.*` config keys and the EC Express password in the keyring."""
    password = secrets.get(section_entry(Provider.TDSYNNEX_XML.value, settings), PASSWORD_FIELD)
    if not password:
        raise CredentialsMissingError(
            PROVIDER, "no TD SYNNEX EC Express password is stored (procdesk auth tdsynnex-xml)"
        )
    return SynnexXmlDistributor(
        SynnexXmlSettings.model_validate(dict(settings)), password, clock=clock
    )
