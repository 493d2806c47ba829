"""What purchase orders need set up in Autotask, checked live: each ordering distributor's
vendor company and the inventory location items are received into.

A check says which rule fails (missing, not a vendor, inactive), so the person knows what
to change in Autotask or here. Setting the location writes `autotask.inventory_location_id`
to the config file after checking it; workers read it when they next build a purchase
order, without a restart.
"""

from __future__ import annotations

from pydantic import BaseModel

from procdesk.config import ConfigError, Settings, set_value
from procdesk.domain.enums import Distributor, IssueKind
from procdesk.domain.purchase_order import VendorMapping
from procdesk.integrations.autotask.procurement import AutotaskProcurementClient
from procdesk.integrations.autotask.procurement_models import Company
from procdesk.services.purchase_orders.errors import PoActionError
from procdesk.services.purchase_orders.settings import (
    PoClientService,
)
from procdesk.store import purchase_orders as po_store
from procdesk.store import vendors

LOCATION_KEY = "autotask.inventory_location_id"
ORDERING = [d for d in Distributor if d.supports_ordering]
SEARCH_LIMIT = 50  # vendor companies shown for one search


class VendorCheck(BaseModel):
    """One distributor's mapping as Autotask has it now."""

    distributor: Distributor
    company_id: int | None
    company_name: str | None = None
    ok: bool
    message: str


class LocationCheck(BaseModel):
    """The inventory location purchase-order items would be received into now."""

    location_id: int | None  # the configured one, else Autotask's default (None: neither)
    location_name: str | None = None
    configured: bool
    ok: bool
    message: str


class SetupChoice(BaseModel):
    """Something the setup can be set to: an active vendor company or inventory location."""

    record_id: int
    name: str
    number: str = ""


def _company_name(company: Company) -> str:
    return company.companyName or f"company {company.id}"


async def check_vendor(
    client: AutotaskProcurementClient, distributor: Distributor, mapping: VendorMapping | None
) -> VendorCheck:
    """The mapping checked against the three rules a PO's vendor must meet."""
    if mapping is None:
        return VendorCheck(distributor=distributor, company_id=None, ok=False, message="not mapped")
    company = await client.company(mapping.company_id)

    def result(ok: bool, message: str) -> VendorCheck:
        return VendorCheck(
            distributor=distributor,
            company_id=mapping.company_id,
            company_name=company.companyName if company else mapping.company_name,
            ok=ok,
            message=message,
        )

    if company is None:
        return result(False, "no such company in Autotask")
    if not await client.is_vendor(company):
        return result(False, "not a vendor company in Autotask")
    if not company.isActive:
        return result(False, "inactive in Autotask")
    return result(True, "active vendor")


async def check_location(client: AutotaskProcurementClient, wanted: int | None) -> LocationCheck:
    """The configured location (exists, active), or Autotask's active default one."""
    if wanted is None:
        default = await client.default_inventory_location()
        if default is None:
            return LocationCheck(
                location_id=None,
                configured=False,
                ok=False,
                message="none configured, and Autotask has no active default location",
            )
        return LocationCheck(
            location_id=default.id,
            location_name=default.locationName,
            configured=False,
            ok=True,
            message="Autotask's active default",
        )
    location = await client.inventory_location(wanted)
    if location is None:
        return LocationCheck(
            location_id=wanted,
            configured=True,
            ok=False,
            message="no such location in Autotask",
        )
    return LocationCheck(
        location_id=wanted,
        location_name=location.locationName,
        configured=True,
        ok=bool(location.isActive),
        message="active" if location.isActive else "inactive in Autotask",
    )


def _by_name(choices: list[SetupChoice]) -> list[SetupChoice]:
    return sorted(choices, key=lambda c: (c.name.casefold(), c.record_id))


async def search_vendors(client: AutotaskProcurementClient, text: str) -> list[SetupChoice]:
    """Active vendor companies whose name contains `text` (all of them for blank text),
    by name, at most SEARCH_LIMIT."""
    companies = await client.vendor_companies(name_contains=text.strip() or None)
    found = [
        SetupChoice(record_id=c.id, name=_company_name(c), number=c.companyNumber or "")
        for c in companies
    ]
    return _by_name(found)[:SEARCH_LIMIT]


async def active_locations(client: AutotaskProcurementClient) -> list[SetupChoice]:
    found = await client.inventory_locations()
    return _by_name(
        [SetupChoice(record_id=x.id, name=x.locationName or f"location {x.id}") for x in found]
    )


class SetupView(BaseModel):
    vendors: list[VendorCheck]
    location: LocationCheck


class VendorSetup(PoClientService):
    """The checks and the location setting behind the vendor-mapping screen; mapping a
    distributor is `PurchaseOrderActions.set_vendor` (the CLI's path too)."""

    async def overview(self) -> SetupView:
        """Every ordering distributor's mapping and the location, checked live."""
        async with self._ledger.read() as conn:
            mappings = {m.distributor: m for m in await vendors.list_all(conn)}
        async with self._autotask() as client:
            checks = [await check_vendor(client, d, mappings.get(d)) for d in ORDERING]
            location = await check_location(client, self._settings.inventory_location())
        return SetupView(vendors=checks, location=location)

    async def waiting(self, distributor: Distributor | None) -> int:
        """Orders whose purchase order waits on this distributor's mapping (None: on the
        inventory location)."""
        async with self._ledger.read() as conn:
            if distributor is None:
                found = await po_store.parked_by(conn, IssueKind.NO_INVENTORY_LOCATION.value)
            else:
                kind = IssueKind.VENDOR_NOT_MAPPED.value
                found = await po_store.parked_by(conn, kind, distributor.value)
        return len(found)

    async def search(self, text: str) -> list[SetupChoice]:
        async with self._autotask() as client:
            return await search_vendors(client, text)

    async def locations(self) -> list[SetupChoice]:
        async with self._autotask() as client:
            return await active_locations(client)

    async def set_location(self, settings: Settings, location_id: int) -> Settings:
        """Check the location live, write it to the config file and let orders that waited
        for a location go on; the settings with it (the caller keeps them)."""
        async with self._autotask() as client:
            location = await client.active_inventory_location(location_id)
        if location is None:
            raise PoActionError(
                f"inventory location {location_id} is missing or inactive in Autotask; "
                "nothing was saved"
            )
        try:
            set_value(LOCATION_KEY, str(location_id))
        except ConfigError as exc:
            raise PoActionError(f"the config file was not written: {exc}") from None
        async with self._ledger.write() as conn:
            now = self._clock()
            kind = IssueKind.NO_INVENTORY_LOCATION.value
            for order_id in await po_store.parked_by(conn, kind):
                await po_store.wake(conn, order_id, now=now)
        autotask = settings.autotask.model_copy(update={"inventory_location_id": location_id})
        return settings.model_copy(update={"autotask": autotask})
