"""Field metadata of the procurement entities, as `entityInformation/fields` serves it.

Wire types follow the swagger: 64-bit ids are `long`, 32-bit ones `integer`, money `double`.
String lengths are the SOAP entity lengths (the REST swagger gives none).

Choices where the facts are UNVERIFIED:
- Picklist numbers are the sandbox's own. PurchaseOrders.status runs 10-14, never the 1-5 a
  third-party guide prints, so a client that hard-codes those is refused ("not a valid
  picklist value") instead of working by luck. The same goes for the tenant picklists
  (shippingType, paymentTerm, purchaseOrderTemplateID, useItemDescriptionsFrom).
- The PO status labels are "New", "Submitted", "Received Partial", "Received Full" and
  "Canceled" (one L, as the TicketCharges picklist spells it); clients should compare labels
  ignoring case, spaces and the second L.
- purchaseOrderNumber, createDateTime, submitDateTime, cancelDateTime, creatorResourceID,
  quantityPreviouslyReceived, quantityBackOrdered and receivedByResourceID are read-only:
  a client that sends them is ignored, as Autotask ignores read-only fields.
- chargeID is not a reference field (it may point at a ticket, project or contract charge).
"""

from __future__ import annotations

from enum import StrEnum

from procdesk.sandbox.autotask.fields import DataType, FieldDef, PicklistValue, picklist

L, INT, DBL, B, S, T = (
    DataType.LONG,
    DataType.INTEGER,
    DataType.DOUBLE,
    DataType.BOOLEAN,
    DataType.STRING,
    DataType.DATETIME,
)


class PoStatus(StrEnum):
    NEW = "New"
    SUBMITTED = "Submitted"
    RECEIVED_PARTIAL = "Received Partial"
    RECEIVED_FULL = "Received Full"
    CANCELED = "Canceled"


PO_STATUS_VALUES: dict[PoStatus, int] = {
    PoStatus.NEW: 10,
    PoStatus.SUBMITTED: 11,
    PoStatus.RECEIVED_PARTIAL: 12,
    PoStatus.RECEIVED_FULL: 13,
    PoStatus.CANCELED: 14,
}
PO_STATUS_BY_VALUE: dict[int, PoStatus] = {v: k for k, v in PO_STATUS_VALUES.items()}
PO_STATUS_PICKLIST = picklist(
    *((value, status.value) for status, value in PO_STATUS_VALUES.items())
)

SHIPPING_TYPE_PICKLIST = picklist(
    (21, "Ground"), (22, "Two Day"), (23, "Next Day"), (24, "Freight"), (25, "Pickup")
)
PAYMENT_TERM_PICKLIST = picklist((31, "Net 30"), (32, "Net 60"), (33, "Due on Receipt"))
PO_TEMPLATE_PICKLIST = picklist((41, "Standard Purchase Order"))
ITEM_DESCRIPTION_PICKLIST = picklist((51, "Product Description"), (52, "Vendor Part Number"))


def _f(name: str, data_type: DataType, **extra: object) -> FieldDef:
    return FieldDef(name=name, dataType=data_type, **extra)


def _ref(
    name: str,
    entity: str,
    data_type: DataType = INT,
    *,
    required: bool = False,
    read_only: bool = False,
) -> FieldDef:
    return _f(
        name,
        data_type,
        isReference=True,
        referenceEntityType=entity,
        isRequired=required,
        isReadOnly=read_only,
    )


def _pick(name: str, values: tuple[PicklistValue, ...], **extra: object) -> FieldDef:
    return _f(name, INT, isPickList=True, picklistValues=values, **extra)


RO = {"isReadOnly": True}
REQ = {"isRequired": True}
ID = _f("id", L, isRequired=True, isReadOnly=True)

PURCHASE_ORDER_FIELDS = (
    ID,
    _f("additionalVendorInvoiceNumbers", S, length=8000),
    _f("cancelDateTime", T, **RO),
    _f("createDateTime", T, **RO),
    _ref("creatorResourceID", "Resources", read_only=True),
    _f("externalPONumber", S, length=50),
    _f("fax", S, length=25),
    _f("freight", DBL),
    _f("generalMemo", S, length=4000),
    _ref("impersonatorCreatorResourceID", "Resources", read_only=True),
    _f("internalCurrencyFreight", DBL, **RO),
    _f("latestEstimatedArrivalDate", T),
    _pick("paymentTerm", PAYMENT_TERM_PICKLIST),
    _f("phone", S, length=25),
    _ref("purchaseForCompanyID", "Companies"),
    _f("purchaseOrderNumber", S, length=50, **RO),
    _pick("purchaseOrderTemplateID", PO_TEMPLATE_PICKLIST),
    _f("shippingDate", T),
    _pick("shippingType", SHIPPING_TYPE_PICKLIST),
    _f("shipToAddress1", S, length=128, **REQ),
    _f("shipToAddress2", S, length=128),
    _f("shipToCity", S, length=30),
    _f("shipToName", S, length=100, **REQ),
    _f("shipToPostalCode", S, length=10),
    _f("shipToState", S, length=25),
    _f("showEachTaxInGroup", B),
    _f("showTaxCategory", B),
    _pick("status", PO_STATUS_PICKLIST, **REQ),
    _f("submitDateTime", T, **RO),
    _ref("taxRegionID", "TaxRegions"),
    _pick("useItemDescriptionsFrom", ITEM_DESCRIPTION_PICKLIST),
    _ref("vendorID", "Companies", required=True),
    _f("vendorInvoiceNumber", S, length=50),
)

PURCHASE_ORDER_ITEM_FIELDS = (
    ID,
    _f("chargeID", INT),
    _ref("contractID", "Contracts", L),
    _f("estimatedArrivalDate", T),
    _f("internalCurrencyUnitCost", DBL, **RO),
    _ref("inventoryLocationID", "InventoryLocations", required=True),
    _f("memo", S, length=4000),
    _ref("orderID", "PurchaseOrders", required=True),
    _ref("productID", "Products"),
    _ref("projectID", "Projects", L),
    _f("quantity", INT, **REQ),
    _ref("salesOrderID", "SalesOrders", L),
    _ref("ticketID", "Tickets", L),
    _f("unitCost", DBL, **REQ),
)

RECEIVING_FIELDS = (
    ID,
    _ref("purchaseOrderItemID", "PurchaseOrderItems", L, required=True),
    _f("quantityBackOrdered", INT, **RO),
    _f("quantityNowReceiving", INT, **REQ),
    _f("quantityPreviouslyReceived", INT, **RO),
    _f("receiveDate", T),
    _ref("receivedByResourceID", "Resources", read_only=True),
    _f("serialNumber", S, length=50),
)

INVENTORY_LOCATION_FIELDS = (
    ID,
    _ref("impersonatorCreatorResourceID", "Resources", read_only=True),
    _f("isActive", B, **REQ),
    _f("isDefault", B),
    _f("locationName", S, length=50, **REQ),
    _ref("resourceID", "Resources"),
)

SERIAL_NUMBER_FIELDS = (
    ID,
    _ref("inventoryItemID", "InventoryItems", required=True),
    _f("serialNumber", S, length=50, **REQ),
)

PRODUCT_VENDOR_FIELDS = (
    ID,
    _f("isActive", B, **REQ),
    _f("isDefault", B, **REQ),
    _ref("productID", "Products", required=True),
    _f("vendorCost", DBL),
    _ref("vendorID", "Companies", required=True),
    _f("vendorPartNumber", S, length=50),
)
