"""Order status: `<OrderStatusRequest>` by PO number -> `OrderStatus` with lines and packages.

TD SYNNEX answers a PO number it does not know with Code `not found` (a public client's
test expects exactly that); `OrderStatus.found` is False then. The line Code vocabulary
(accepted / backordered / shipped / delivered / rejected ...) is UNVERIFIED, so it is kept
as text: the mapping to procdesk's statuses belongs to whoever wires this client in. A
non-stock quote line (SKU 99 / OrderType QO) stays `accepted` forever: `non_stock` flags it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pydantic import Field

from procdesk.integrations.tdsynnex_xml.credentials import SynnexXmlCredentials
from procdesk.integrations.tdsynnex_xml.document import element, serialized
from procdesk.integrations.tdsynnex_xml.purchase_order import NON_STOCK_SKU, QUOTE_ORDER
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


class StatusLine(ReplyModel):
    line_attribute: WholeNumber | None = Field(default=None, alias="@lineNumber")
    line_child: WholeNumber | None = Field(default=None, alias="LineNumber")
    code: str = Field(default="", alias="Code")
    reason: str = Field(default="", alias="Reason")
    ship_datetime: TimeValue | None = Field(default=None, alias="ShipDatetime")
    order_number: str = Field(default="", alias="OrderNumber")
    order_type: str = Field(default="", alias="OrderType")
    order_quantity: WholeNumber | None = Field(default=None, alias="OrderQuantity")
    unit_price: Amount | None = Field(default=None, alias="UnitPrice")
    sku: str = Field(default="", alias="SKU")
    mfg_pn: str = Field(default="", alias="MfgPN")
    product_name: str = Field(default="", alias="ProductName")
    ship_quantity: WholeNumber = Field(default=0, alias="ShipQuantity")
    ship_from_warehouse: WholeNumber | None = Field(default=None, alias="ShipFromWarehouse")
    ship_method: str = Field(default="", alias="ShipMethod")
    eta_date: DateValue | None = Field(default=None, alias="ETADate")
    estimated_ship_date: DateValue | None = Field(default=None, alias="EstimatedShipDate")
    estimated_delivery_date: DateValue | None = Field(default=None, alias="EstimatedDeliveryDate")
    package_list: _Packages = Field(default_factory=_Packages, alias="Packages")

    @property
    def line_number(self) -> int | None:
        return self.line_attribute if self.line_attribute is not None else self.line_child

    @property
    def non_stock(self) -> bool:
        return self.sku.strip() == NON_STOCK_SKU or self.order_type.strip().upper() == QUOTE_ORDER

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
    root = ET.Element("SynnexB2B")
    login = element(root, "Credential")
    element(login, "UserID", credentials.username)
    element(login, "Password", credentials.password.get_secret_value())
    request = element(root, "OrderStatusRequest")
    element(request, "CustomerNumber", credentials.customer_number)
    element(request, "PONumber", po_number)
    return serialized(root)
