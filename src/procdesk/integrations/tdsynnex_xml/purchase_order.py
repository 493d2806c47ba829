"""Purchase orders: `PurchaseOrder` -> `<SynnexB2B><OrderRequest>` -> `OrderResponse`.

The request carries our PO number (procdesk's order reference: TD SYNNEX refuses a PO
number it already has, which is how a retry is recognised). Each Item gets its line number
both as the `lineNumber` attribute and as a `<LineNumber>` child (public clients send one or
the other; which TD SYNNEX requires is UNVERIFIED), and names its part by SKU or MfgPN.

Reading the reply: each line is accepted, rejected (Code `rejected`), or a **non-stock
quote line** (SKU 99 or OrderType QO): TD SYNNEX "accepts" an SKU it does not know as a
quote line that never ships. `OrderResponseLine.problem` says what is wrong with a line;
`OrderResponse.rejected_lines` holds the rejected and the non-stock lines alike.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from procdesk.integrations.tdsynnex_xml.credentials import SynnexXmlCredentials, b2b_envelope
from procdesk.integrations.tdsynnex_xml.document import element, optional, serialized
from procdesk.integrations.tdsynnex_xml.order_line import OrderLineFields
from procdesk.integrations.tdsynnex_xml.values import (
    PartNumber,
    ReplyModel,
    SkuText,
    TimeValue,
    XmlText,
)

ACCEPTED = "accepted"
REJECTED = "rejected"
MAX_PO_NUMBER = 30


class Address(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: XmlText = Field(min_length=1, max_length=60)  # AddressName1: company
    name2: XmlText = Field(default="", max_length=60)
    line1: XmlText = Field(min_length=1, max_length=60)
    line2: XmlText = Field(default="", max_length=60)
    city: XmlText = Field(min_length=1, max_length=40)
    state: XmlText = Field(min_length=1, max_length=20)
    zip_code: XmlText = Field(min_length=1, max_length=15)
    country: str = Field(pattern=r"^[A-Z]{2}$")


class Contact(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: XmlText = Field(min_length=1, max_length=60)
    phone: XmlText = Field(default="", max_length=30)
    email: XmlText = Field(default="", max_length=100)


class PurchaseOrderLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    line_number: int = Field(ge=1)
    synnex_sku: SkuText | None = None
    mfg_pn: PartNumber | None = None
    unit_price: Decimal = Field(ge=0, max_digits=12, decimal_places=2)  # sent as written
    quantity: int = Field(ge=1)

    @model_validator(mode="after")
    def _one_part_reference(self) -> PurchaseOrderLine:
        if (self.synnex_sku is None) == (self.mfg_pn is None):
            raise ValueError("give exactly one of synnex_sku or mfg_pn")
        return self


class PurchaseOrder(BaseModel):
    model_config = ConfigDict(frozen=True)

    po_number: XmlText = Field(min_length=1, max_length=MAX_PO_NUMBER)
    ship_to: Address
    contact: Contact | None = None
    ship_method: str = Field(default="FG", pattern=r"^[A-Z0-9]{1,6}$")  # FG: FedEx Ground
    ship_from_warehouse: int | None = Field(default=None, ge=1)
    drop_ship: bool = False
    accept_backorder: bool = True
    end_user_po_number: XmlText = Field(default="", max_length=30)
    comment: XmlText = Field(default="", max_length=200)
    lines: list[PurchaseOrderLine] = Field(min_length=1, max_length=100)

    @field_validator("lines")
    @classmethod
    def _unique_line_numbers(cls, lines: list[PurchaseOrderLine]) -> list[PurchaseOrderLine]:
        numbers = [line.line_number for line in lines]
        if len(set(numbers)) != len(numbers):
            raise ValueError("line numbers must be unique")
        return lines


def _address(parent: ET.Element, address: Address) -> None:
    ship_to = element(parent, "ShipTo")
    element(ship_to, "AddressName1", address.name)
    optional(ship_to, "AddressName2", address.name2)
    element(ship_to, "AddressLine1", address.line1)
    optional(ship_to, "AddressLine2", address.line2)
    for tag, value in (("City", address.city), ("State", address.state)):
        element(ship_to, tag, value)
    element(ship_to, "ZipCode", address.zip_code)
    element(ship_to, "Country", address.country)


def order_document(credentials: SynnexXmlCredentials, order: PurchaseOrder) -> bytes:
    root = b2b_envelope(credentials)
    request = element(root, "OrderRequest")
    element(request, "CustomerNumber", credentials.customer_number)
    element(request, "PONumber", order.po_number)
    element(request, "DropShipFlag", "Y" if order.drop_ship else "N")
    shipment = element(request, "Shipment")
    optional(shipment, "ShipFromWarehouse", order.ship_from_warehouse)
    _address(shipment, order.ship_to)
    if order.contact is not None:
        contact = element(shipment, "ShipToContact")
        element(contact, "ContactName", order.contact.name)
        element(contact, "PhoneNumber", order.contact.phone)
        element(contact, "EmailAddress", order.contact.email)
    element(element(shipment, "ShipMethod"), "Code", order.ship_method)
    element(element(request, "Payment"), "BillTo").set("code", credentials.customer_number)
    items = element(request, "Items")
    for line in order.lines:
        item = element(items, "Item")
        item.set("lineNumber", str(line.line_number))
        element(item, "LineNumber", line.line_number)
        optional(item, "SKU", line.synnex_sku)
        optional(item, "MfgPN", line.mfg_pn)
        element(item, "UnitPrice", f"{line.unit_price:.2f}")
        element(item, "OrderQuantity", line.quantity)
    optional(request, "EndUserPONumber", order.end_user_po_number)
    optional(request, "Comment", order.comment)
    element(request, "BackOrderFlag", "Y" if order.accept_backorder else "N")
    return serialized(root)


class OrderResponseLine(OrderLineFields):
    @property
    def problem(self) -> str | None:
        """Why this line will not ship as ordered, in words for a person; None if it will."""
        if self.code.strip().lower() == REJECTED:
            return self.reason or "TD SYNNEX rejected this line"
        if self.non_stock:
            return (
                f"TD SYNNEX took the part as a non-stock quote line (SKU {self.sku or '?'}, "
                f"OrderType {self.order_type or '?'}, {self.product_name or 'no name'}): "
                "it will not ship; check the part number"
            )
        return None


class _OrderItems(ReplyModel):
    items: list[OrderResponseLine] = Field(default_factory=list, alias="Item")


class OrderResponse(ReplyModel):
    customer_number: str = Field(default="", alias="CustomerNumber")
    po_number: str = Field(alias="PONumber")
    code: str = Field(alias="Code")
    reason: str = Field(default="", alias="Reason")
    response_datetime: TimeValue | None = Field(default=None, alias="ResponseDateTime")
    items: _OrderItems = Field(default_factory=_OrderItems, alias="Items")

    @property
    def lines(self) -> list[OrderResponseLine]:
        return self.items.items

    @property
    def accepted_lines(self) -> list[OrderResponseLine]:
        """Lines that will ship (now, or later when backordered)."""
        return [line for line in self.lines if line.problem is None]

    @property
    def rejected_lines(self) -> list[OrderResponseLine]:
        """Rejected lines and non-stock quote lines: neither will ship."""
        return [line for line in self.lines if line.problem is not None]

    @property
    def order_numbers(self) -> list[str]:
        return sorted({line.order_number for line in self.lines if line.order_number})
