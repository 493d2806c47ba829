"""`<SynnexB2B>` requests: a purchase order or an order status request, with credentials.

Sandbox choices where the public clients leave the rules open (UNVERIFIED):
- Required: CustomerNumber, PONumber (at most 30 characters), DropShipFlag (Y/N),
  Shipment/ShipTo (AddressName1, AddressLine1, City, State, ZipCode, Country),
  Shipment/ShipMethod/Code and at least one Items/Item. ShipToContact, Payment and the
  other order fields are optional.
- An Item's line number is its `lineNumber` attribute or a `<LineNumber>` child (both may
  be given when they agree); line numbers are unique within the order.
- An Item names its part by SKU or MfgPN; given both, SKU is used.
- Payment/BillTo's `code` attribute must be the order's CustomerNumber.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, field_validator, model_validator

from procdesk.sandbox.synnexxml.values import (
    Amount,
    Flag,
    OptionalText,
    PositiveNumber,
    Text,
    WholeNumber,
    XmlModel,
)

MAX_ITEMS = 100
MAX_PO_NUMBER = 30
PoNumber = Annotated[str, StringConstraints(min_length=1, max_length=MAX_PO_NUMBER)]


class Credential(XmlModel):
    user_id: Text = Field(alias="UserID")
    password: Text = Field(alias="Password")


class Address(XmlModel):
    address_name1: Text = Field(alias="AddressName1")
    address_name2: OptionalText = Field(default="", alias="AddressName2")
    address_line1: Text = Field(alias="AddressLine1")
    address_line2: OptionalText = Field(default="", alias="AddressLine2")
    city: Text = Field(alias="City")
    state: Text = Field(alias="State")
    zip_code: Text = Field(alias="ZipCode")
    country: str = Field(alias="Country", pattern=r"^[A-Z]{2}$")


class OptionalAddress(XmlModel):
    address_name1: OptionalText = Field(default="", alias="AddressName1")
    address_name2: OptionalText = Field(default="", alias="AddressName2")
    address_line1: OptionalText = Field(default="", alias="AddressLine1")
    address_line2: OptionalText = Field(default="", alias="AddressLine2")
    city: OptionalText = Field(default="", alias="City")
    state: OptionalText = Field(default="", alias="State")
    zip_code: OptionalText = Field(default="", alias="ZipCode")
    country: OptionalText = Field(default="", alias="Country")


class BillingAddress(OptionalAddress):
    """BillTo's address children are optional: the account's address is on file."""

    code: Text = Field(alias="@code")


class Contact(XmlModel):
    contact_name: Text = Field(alias="ContactName")
    phone_number: OptionalText = Field(default="", alias="PhoneNumber")
    email_address: OptionalText = Field(default="", alias="EmailAddress")


class ShipMethod(XmlModel):
    code: str = Field(alias="Code", pattern=r"^[A-Z0-9]{1,6}$")
    description: OptionalText = Field(default="", alias="Description")


class Shipment(XmlModel):
    ship_from_warehouse: WholeNumber | None = Field(default=None, alias="ShipFromWarehouse")
    ship_to: Address = Field(alias="ShipTo")
    ship_to_contact: Contact | None = Field(default=None, alias="ShipToContact")
    ship_method: ShipMethod = Field(alias="ShipMethod")
    freight_account_number: OptionalText = Field(default="", alias="FreightAccountNumber")


class Payment(XmlModel):
    bill_to: BillingAddress = Field(alias="BillTo")


class LicenseeContact(XmlModel):
    contact_name: OptionalText = Field(default="", alias="ContactName")
    phone_number: OptionalText = Field(default="", alias="PhoneNumber")
    fax_number: OptionalText = Field(default="", alias="FaxNumber")
    email_address: OptionalText = Field(default="", alias="EmailAddress")


class Licensee(OptionalAddress):
    licensee_contact: LicenseeContact | None = Field(default=None, alias="LicenseeContact")


class SoftwareLicense(XmlModel):
    """Accepted and kept with the order; the sandbox does nothing else with it."""

    authorization_number: OptionalText = Field(default="", alias="AuthorizationNumber")
    re_order: Flag | None = Field(default=None, alias="ReOrder")
    licensee: Licensee | None = Field(default=None, alias="Licensee")


class Item(XmlModel):
    line_attribute: PositiveNumber | None = Field(default=None, alias="@lineNumber")
    line_child: PositiveNumber | None = Field(default=None, alias="LineNumber")
    sku: Text | None = Field(default=None, alias="SKU")
    mfg_pn: Text | None = Field(default=None, alias="MfgPN")
    unit_price: Amount = Field(alias="UnitPrice")
    order_quantity: PositiveNumber = Field(alias="OrderQuantity")
    customer_part_number: OptionalText = Field(default="", alias="CustomerPartNumber")
    product_name: OptionalText = Field(default="", alias="ProductName")
    comments: OptionalText = Field(default="", alias="Comments")

    @model_validator(mode="after")
    def _line_and_part(self) -> Item:
        numbers = {n for n in (self.line_attribute, self.line_child) if n is not None}
        if not numbers:
            raise ValueError("an Item needs its lineNumber attribute or a LineNumber element")
        if len(numbers) > 1:
            raise ValueError("the lineNumber attribute and LineNumber element disagree")
        if self.sku is None and self.mfg_pn is None:
            raise ValueError("an Item names its part by SKU or MfgPN")
        return self

    @property
    def line_number(self) -> int:
        number = self.line_attribute or self.line_child
        assert number is not None  # checked by the validator
        return number


class Items(XmlModel):
    items: list[Item] = Field(alias="Item", min_length=1, max_length=MAX_ITEMS)

    @field_validator("items")
    @classmethod
    def _unique_line_numbers(cls, items: list[Item]) -> list[Item]:
        numbers = [item.line_number for item in items]
        repeated = sorted({n for n in numbers if numbers.count(n) > 1})
        if repeated:
            raise ValueError(f"line number {repeated[0]} appears more than once")
        return items


class OrderRequest(XmlModel):
    customer_number: Text = Field(alias="CustomerNumber")
    po_number: PoNumber = Field(alias="PONumber")
    drop_ship_flag: Flag = Field(alias="DropShipFlag")
    shipment: Shipment = Field(alias="Shipment")
    payment: Payment | None = Field(default=None, alias="Payment")
    items: Items = Field(alias="Items")
    end_user_po_number: OptionalText = Field(default="", alias="EndUserPONumber")
    comment: OptionalText = Field(default="", alias="Comment")
    special_price_type: OptionalText = Field(default="", alias="SpecialPriceType")
    special_price_reference: OptionalText = Field(default="", alias="SpecialPriceReferenceNumber")
    software_license: SoftwareLicense | None = Field(default=None, alias="SoftWareLicense")
    back_order_flag: Flag | None = Field(default=None, alias="BackOrderFlag")
    special_handle: Flag | None = Field(default=None, alias="SpecialHandle")

    @model_validator(mode="after")
    def _bill_to_is_the_account(self) -> OrderRequest:
        if self.payment is not None and self.payment.bill_to.code != self.customer_number:
            raise ValueError("Payment/BillTo code must be the order's CustomerNumber")
        return self


class OrderStatusRequest(XmlModel):
    customer_number: Text = Field(alias="CustomerNumber")
    po_number: PoNumber = Field(alias="PONumber")


class SynnexB2B(XmlModel):
    """The envelope: Credential plus exactly one request element."""

    version: str | None = Field(default=None, alias="@version", max_length=10)
    credential: Credential = Field(alias="Credential")
    order: OrderRequest | None = Field(default=None, alias="OrderRequest")
    status: OrderStatusRequest | None = Field(default=None, alias="OrderStatusRequest")

    @model_validator(mode="after")
    def _one_request(self) -> SynnexB2B:
        if (self.order is None) == (self.status is None):
            raise ValueError("SynnexB2B holds exactly one OrderRequest or OrderStatusRequest")
        return self
