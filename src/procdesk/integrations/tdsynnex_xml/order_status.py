"""Order status: `<OrderStatusRequest>` by PO number -> `OrderStatus` with lines and packages.

TD SYNNEX answers a PO number it does not know with Code `not found` (a public client's
test expects exactly that); `OrderStatus.found` is False then. The line Code vocabulary
(accepted / backordered / shipped / delivered / rejected ...) is UNVERIFIED, so it is kept
as text: the mapping to procdesk's statuses belongs to whoever wires this client in. A
non-stock quote line (SKU 99 / OrderType QO) stays `accepted` forever: `non_stock` flags it.
"""

from __future__ import annotations

from pydantic import Field

from procdesk.integrations.tdsynnex_xml.credentials import SynnexXmlCredentials, b2b_envelope
from procdesk.integrations.tdsynnex_xml.document import element, serialized
from procdesk.integrations.tdsynnex_xml.order_line import OrderLineFields
from procdesk.integrations.tdsynnex_xml.values import (
    Amount,
    DateValue,
    ReplyModel,
    TimeValue,
    WholeNumber,
)

NOT_FOUND = "not found"


class Package(ReplyModel):
    tracking_number: str = Field(default="", alias="TrackingNumber")
    weight: Amount | None = Field(default=None, alias="Weight")
    ship_item_quantity: WholeNumber | None = Field(default=None, alias="ShipItemQuantity")
    serial_numbers: list[str] = Field(default_factory=list, alias="SerialNo")


class _Packages(ReplyModel):
    packages: list[Package] = Field(default_factory=list, alias="Package")


class StatusLine(OrderLineFields):
    ship_datetime: TimeValue | None = Field(default=None, alias="ShipDatetime")
    unit_price: Amount | None = Field(default=None, alias="UnitPrice")
    estimated_ship_date: DateValue | None = Field(default=None, alias="EstimatedShipDate")
    estimated_delivery_date: DateValue | None = Field(default=None, alias="EstimatedDeliveryDate")
    package_list: _Packages = Field(default_factory=_Packages, alias="Packages")

    @property
    def packages(self) -> list[Package]:
        return self.package_list.packages

    @property
    def tracking_numbers(self) -> list[str]:
        return [p.tracking_number for p in self.packages if p.tracking_number]

    @property
    def serial_numbers(self) -> list[str]:
        return [serial for p in self.packages for serial in p.serial_numbers]


class _StatusItems(ReplyModel):
    items: list[StatusLine] = Field(default_factory=list, alias="Item")


class OrderStatus(ReplyModel):
    customer_number: str = Field(default="", alias="CustomerNumber")
    po_number: str = Field(alias="PONumber")
    code: str = Field(alias="Code")
    reason: str = Field(default="", alias="Reason")
    po_datetime: TimeValue | None = Field(default=None, alias="PODatetime")
    response_datetime: TimeValue | None = Field(default=None, alias="ResponseDateTime")
    items: _StatusItems = Field(default_factory=_StatusItems, alias="Items")

    @property
    def found(self) -> bool:
        return self.code.strip().lower() != NOT_FOUND

    @property
    def lines(self) -> list[StatusLine]:
        return self.items.items


def status_document(credentials: SynnexXmlCredentials, po_number: str) -> bytes:
    root = b2b_envelope(credentials)
    request = element(root, "OrderStatusRequest")
    element(request, "CustomerNumber", credentials.customer_number)
    element(request, "PONumber", po_number)
    return serialized(root)
