"""TD SYNNEX's XML interface ("EC Express", SynnexXML): the low-level wire client.

Hardware orders at TD SYNNEX go through this door (cloud subscriptions through StreamOne
ION, `procdesk.integrations.tdsynnex`). Public API:

    client = SynnexXmlClient(httpx.AsyncClient(base_url=...), SynnexXmlCredentials(...))
    lines = await client.price_availability([PartQuery.mfg("86Q47UT#ABA"), ...])
    response = await client.submit_po(PurchaseOrder(...))
    status = await client.po_status("PD-...")   # None: TD SYNNEX has no such PO

Choices where TD SYNNEX's behaviour is UNVERIFIED (see each module): refusals are replies
holding `errorDetail`, classified by their words (`errors`); a purchase order line TD
SYNNEX takes as a non-stock quote line (SKU 99 / OrderType QO) counts as a rejected line,
and an order none of whose lines will ship raises `UnshippableOrderError`
(`purchase_order`, `client`); P&A lines that are not found or discontinued are returned,
not raised (`price_availability`). Requests are raw XML unless `form_encoded=True`.
"""

from procdesk.integrations.tdsynnex_xml.client import SynnexXmlClient
from procdesk.integrations.tdsynnex_xml.credentials import SynnexXmlCredentials
from procdesk.integrations.tdsynnex_xml.errors import DuplicatePoError, UnshippableOrderError
from procdesk.integrations.tdsynnex_xml.order_status import OrderStatus, Package, StatusLine
from procdesk.integrations.tdsynnex_xml.price_availability import (
    PartQuery,
    PriceAvailabilityLine,
    WarehouseAvailability,
)
from procdesk.integrations.tdsynnex_xml.purchase_order import (
    Address,
    Contact,
    OrderResponse,
    OrderResponseLine,
    PurchaseOrder,
    PurchaseOrderLine,
)

__all__ = [
    "Address",
    "Contact",
    "DuplicatePoError",
    "OrderResponse",
    "OrderResponseLine",
    "OrderStatus",
    "Package",
    "PartQuery",
    "PriceAvailabilityLine",
    "PurchaseOrder",
    "PurchaseOrderLine",
    "StatusLine",
    "SynnexXmlClient",
    "SynnexXmlCredentials",
    "UnshippableOrderError",
    "WarehouseAvailability",
]
