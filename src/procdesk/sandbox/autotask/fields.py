"""Field metadata of the emulated Autotask entities, as `entityInformation/fields` serves it.

The same definitions drive query type coercion, case-insensitive field names, IncludeFields
and the field-length checks, so what the sandbox advertises is what it enforces.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from procdesk.domain.enums import ProcurementStatus


class DataType(StrEnum):
    LONG = "long"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DOUBLE = "double"
    BOOLEAN = "boolean"
    STRING = "string"
    DATETIME = "datetime"

    @property
    def is_integral(self) -> bool:
        return self in (DataType.LONG, DataType.INTEGER)

    @property
    def is_fractional(self) -> bool:
        return self in (DataType.DECIMAL, DataType.DOUBLE)


class PicklistValue(BaseModel):
    value: str
    label: str
    isDefaultValue: bool = False
    sortOrder: int
    isActive: bool = True
    isSystem: bool = True


class FieldDef(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    dataType: DataType
    length: int = 0
    isRequired: bool = False
    isReadOnly: bool = False
    isQueryable: bool = True
    isReference: bool = False
    referenceEntityType: str = ""
    isPickList: bool = False
    picklistValues: tuple[PicklistValue, ...] | None = None


def picklist(*labels: tuple[int, str]) -> tuple[PicklistValue, ...]:
    return tuple(
        PicklistValue(value=str(value), label=label, sortOrder=order)
        for order, (value, label) in enumerate(labels, start=1)
    )


# Numeric values are the sandbox's own choice; clients must read them at run time.
CHARGE_STATUS_VALUES: dict[ProcurementStatus, int] = {
    ProcurementStatus.NEED_TO_ORDER: 1,
    ProcurementStatus.WAITING_APPROVAL: 2,
    ProcurementStatus.READY_TO_SHIP: 3,
    ProcurementStatus.PENDING: 7,
}
CHARGE_STATUS_PICKLIST = picklist(
    (1, ProcurementStatus.NEED_TO_ORDER.value),
    (2, ProcurementStatus.WAITING_APPROVAL.value),
    (3, ProcurementStatus.READY_TO_SHIP.value),
    (4, "Shipped"),
    (5, "Delivered"),
    (6, "Canceled"),
    (7, ProcurementStatus.PENDING.value),
    (8, "On Order"),
)
CHARGE_STATUS_BY_LABEL: dict[str, int] = {p.label: int(p.value) for p in CHARGE_STATUS_PICKLIST}
CHARGE_ON_ORDER = CHARGE_STATUS_BY_LABEL["On Order"]

# Companies.companyType. The sandbox's own numbers, deliberately unlike the ones third-party
# guides print: a client must read them from entityInformation/fields.
COMPANY_TYPE_CUSTOMER = 31
COMPANY_TYPE_PROSPECT = 33
COMPANY_TYPE_VENDOR = 37
COMPANY_TYPE_PICKLIST = picklist(
    (COMPANY_TYPE_CUSTOMER, "Customer"),
    (32, "Lead"),
    (COMPANY_TYPE_PROSPECT, "Prospect"),
    (34, "Dead"),
    (36, "Cancellation"),
    (COMPANY_TYPE_VENDOR, "Vendor"),
    (38, "Partner"),
)

USE_TYPE_WORK_TYPE = 1
USE_TYPE_MATERIAL = 2
USE_TYPE_INTERNAL_TIME = 3
USE_TYPE_EXPENSE_CATEGORY = 4
USE_TYPE_RECURRING_SERVICE = 5
USE_TYPE_MILESTONE = 6
USE_TYPE_PICKLIST = picklist(
    (USE_TYPE_WORK_TYPE, "Work Type"),
    (USE_TYPE_MATERIAL, "Material Cost Code"),
    (USE_TYPE_INTERNAL_TIME, "Internal Time"),
    (USE_TYPE_EXPENSE_CATEGORY, "Expense Category"),
    (USE_TYPE_RECURRING_SERVICE, "Recurring Contract Service"),
    (USE_TYPE_MILESTONE, "Milestone"),
)

BILLING_CODE_TYPE_STANDARD = 1
BILLING_CODE_TYPE_SYSTEM = 2
BILLING_CODE_TYPE_PICKLIST = picklist(
    (BILLING_CODE_TYPE_STANDARD, "Standard"), (BILLING_CODE_TYPE_SYSTEM, "System")
)

PRODUCT_CATEGORY_VALUES: dict[str, int] = {
    "Hardware": 11,
    "Software": 12,
    "Networking": 13,
    "Peripherals": 14,
    "Cabling": 15,
    "Licensing": 16,
}
PRODUCT_CATEGORY_PICKLIST = picklist(*((v, k) for k, v in PRODUCT_CATEGORY_VALUES.items()))

CHARGE_TYPE_PICKLIST = picklist((1, "Operational"), (2, "Capitalized"))
COST_TYPE_PICKLIST = picklist((1, "Billable Cost"), (2, "Internal Cost"))


def _f(name: str, data_type: DataType, **extra: object) -> FieldDef:
    return FieldDef.model_validate({"name": name, "dataType": data_type, **extra})


def _ref(name: str, entity: str, **extra: object) -> FieldDef:
    return _f(name, DataType.LONG, isReference=True, referenceEntityType=entity, **extra)


def _pick(name: str, values: tuple[PicklistValue, ...], **extra: object) -> FieldDef:
    return _f(name, DataType.INTEGER, isPickList=True, picklistValues=values, **extra)


L, INT, D, B, S, T = (
    DataType.LONG,
    DataType.INTEGER,
    DataType.DECIMAL,
    DataType.BOOLEAN,
    DataType.STRING,
    DataType.DATETIME,
)
RO = {"isReadOnly": True}

TICKET_CHARGE_FIELDS = (
    _f("id", L, isRequired=True, **RO),
    _f("billableAmount", D, **RO),
    _ref("billingCodeID", "BillingCodes"),
    _pick("chargeType", CHARGE_TYPE_PICKLIST),
    _ref("contractServiceBundleID", "ContractServiceBundles"),
    _ref("contractServiceID", "ContractServices"),
    _pick("costType", COST_TYPE_PICKLIST),
    _f("createDate", T, **RO),
    _ref("creatorResourceID", "Resources", **RO),
    _f("datePurchased", T),
    _f("description", S, length=8000),
    _f("extendedCost", D, **RO),
    _f("internalCurrencyBillableAmount", D, **RO),
    _f("internalCurrencyUnitPrice", D, **RO),
    _f("internalPurchaseOrderNumber", S, length=50),
    _f("isBillableToCompany", B),
    _f("isBilled", B, **RO),
    _f("name", S, length=100, isRequired=True),
    _f("notes", S, length=2000),
    _ref("productID", "Products"),
    _f("purchaseOrderNumber", S, length=50),
    _pick("status", CHARGE_STATUS_PICKLIST, **RO),
    _ref("statusLastModifiedBy", "Resources", **RO),
    _f("statusLastModifiedDate", T, **RO),
    _ref("ticketID", "Tickets", isRequired=True),
    _f("unitCost", D),
    _f("unitPrice", D),
    _f("unitQuantity", D, isRequired=True),
)

BILLING_CODE_FIELDS = (
    _f("id", L, isRequired=True, **RO),
    _pick("billingCodeType", BILLING_CODE_TYPE_PICKLIST, **RO),
    _f("department", INT),
    _f("description", S, length=500),
    _f("externalNumber", S, length=50),
    _f("generalLedgerAccount", INT),
    _f("isActive", B),
    _f("markupRate", D),
    _f("name", S, length=200, isRequired=True),
    _ref("taxCategoryID", "TaxCategories"),
    _f("unitCost", D),
    _f("unitPrice", D),
    _pick("useType", USE_TYPE_PICKLIST, **RO),
)

PRODUCT_FIELDS = (
    _f("id", L, isRequired=True, **RO),
    _ref("defaultVendorID", "Companies"),
    _f("description", S, length=8000),
    _f("doesNotRequireProcurement", B),
    _f("isActive", B, isRequired=True),
    _f("isSerialized", B, isRequired=True),
    _f("manufacturerName", S, length=100),
    _f("manufacturerProductName", S, length=100),
    _f("msrp", D),
    _f("name", S, length=100, isRequired=True),
    _ref("productBillingCodeID", "BillingCodes"),
    _pick("productCategory", PRODUCT_CATEGORY_PICKLIST),
    _f("sku", S, length=50),
    _f("unitCost", D),
    _f("unitPrice", D),
    _f("vendorProductNumber", S, length=50),
)

TICKET_FIELDS = (
    _f("id", L, isRequired=True, **RO),
    _ref("companyID", "Companies", isRequired=True),
    _f("createDate", T, **RO),
    _ref("queueID", "Queues"),
    _f("status", INT, isRequired=True),
    _f("ticketNumber", S, length=50, **RO),
    _f("title", S, length=255, isRequired=True),
)

COMPANY_FIELDS = (
    _f("id", L, isRequired=True, **RO),
    _f("companyName", S, length=100, isRequired=True),
    _f("companyNumber", S, length=50),
    _pick("companyType", COMPANY_TYPE_PICKLIST, isRequired=True),
    _f("isActive", B),
)

INVENTORY_ITEM_FIELDS = (
    _f("id", L, isRequired=True, **RO),
    _ref("inventoryLocationID", "InventoryLocations", isRequired=True),
    _ref("productID", "Products", isRequired=True),
    _f("quantityMaximum", INT),
    _f("quantityMinimum", INT),
    _f("quantityOnHand", INT, **RO),
    _f("quantityReserved", INT, **RO),
)
