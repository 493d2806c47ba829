"""Typed Autotask records. Field names are snake_case; aliases are Autotask's wire names.

Every model allows extra fields (Autotask adds fields between releases, and UDFs), and
`to_wire()` gives the JSON body Autotask expects (aliases, no unset fields).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class AutotaskModel(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    def to_wire(self) -> dict[str, Any]:
        """The JSON body: wire names, unset fields left out, times as UTC ("...Z")."""
        return {
            key: _utc_text(value) if isinstance(value, datetime) else value
            for key, value in self.model_dump(by_alias=True, exclude_none=True).items()
        }


def _utc_text(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


class Identified(AutotaskModel):
    """Any entity, read only for its id (paging, lookups by number)."""

    id: int


class UserDefinedField(AutotaskModel):
    name: str
    value: str | None = None


class TicketCharge(AutotaskModel):
    id: int | None = None
    ticket_id: int | None = Field(default=None, alias="ticketID")
    name: str | None = None
    description: str | None = None
    notes: str | None = None
    billing_code_id: int | None = Field(default=None, alias="billingCodeID")
    product_id: int | None = Field(default=None, alias="productID")
    unit_quantity: Decimal | None = Field(default=None, alias="unitQuantity")
    unit_cost: Decimal | None = Field(default=None, alias="unitCost")
    unit_price: Decimal | None = Field(default=None, alias="unitPrice")
    billable_amount: Decimal | None = Field(default=None, alias="billableAmount")
    extended_cost: Decimal | None = Field(default=None, alias="extendedCost")
    charge_type: int | None = Field(default=None, alias="chargeType")
    cost_type: int | None = Field(default=None, alias="costType")
    status: int | None = None
    is_billed: bool | None = Field(default=None, alias="isBilled")
    is_billable_to_company: bool | None = Field(default=None, alias="isBillableToCompany")
    create_date: datetime | None = Field(default=None, alias="createDate")
    date_purchased: datetime | None = Field(default=None, alias="datePurchased")
    purchase_order_number: str | None = Field(default=None, alias="purchaseOrderNumber")
    internal_purchase_order_number: str | None = Field(
        default=None, alias="internalPurchaseOrderNumber"
    )
    creator_resource_id: int | None = Field(default=None, alias="creatorResourceID")
    status_last_modified_by: int | None = Field(default=None, alias="statusLastModifiedBy")
    status_last_modified_date: datetime | None = Field(default=None, alias="statusLastModifiedDate")
    user_defined_fields: list[UserDefinedField] | None = Field(
        default=None, alias="userDefinedFields"
    )


class BillingCode(AutotaskModel):
    id: int
    name: str | None = None
    description: str | None = None
    billing_code_type: int | None = Field(default=None, alias="billingCodeType")
    use_type: int | None = Field(default=None, alias="useType")
    is_active: bool | None = Field(default=None, alias="isActive")
    unit_cost: Decimal | None = Field(default=None, alias="unitCost")
    unit_price: Decimal | None = Field(default=None, alias="unitPrice")
    markup_rate: Decimal | None = Field(default=None, alias="markupRate")
    external_number: str | None = Field(default=None, alias="externalNumber")


class Product(AutotaskModel):
    id: int
    name: str | None = None
    description: str | None = None
    sku: str | None = None
    manufacturer_name: str | None = Field(default=None, alias="manufacturerName")
    manufacturer_product_name: str | None = Field(default=None, alias="manufacturerProductName")
    vendor_product_number: str | None = Field(default=None, alias="vendorProductNumber")
    product_category: int | None = Field(default=None, alias="productCategory")
    product_billing_code_id: int | None = Field(default=None, alias="productBillingCodeID")
    does_not_require_procurement: bool | None = Field(
        default=None, alias="doesNotRequireProcurement"
    )
    is_active: bool | None = Field(default=None, alias="isActive")
    is_serialized: bool | None = Field(default=None, alias="isSerialized")
    unit_cost: Decimal | None = Field(default=None, alias="unitCost")
    unit_price: Decimal | None = Field(default=None, alias="unitPrice")
    msrp: Decimal | None = None


class Ticket(AutotaskModel):
    id: int
    ticket_number: str | None = Field(default=None, alias="ticketNumber")
    title: str | None = None
    company_id: int | None = Field(default=None, alias="companyID")
    status: int | None = None
    queue_id: int | None = Field(default=None, alias="queueID")


class InventoryItem(AutotaskModel):
    id: int
    product_id: int | None = Field(default=None, alias="productID")
    quantity_on_hand: int | None = Field(default=None, alias="quantityOnHand")
    quantity_reserved: int | None = Field(default=None, alias="quantityReserved")


class PicklistValue(AutotaskModel):
    value: str
    label: str
    is_default_value: bool = Field(default=False, alias="isDefaultValue")
    sort_order: int | None = Field(default=None, alias="sortOrder")
    is_active: bool = Field(default=True, alias="isActive")
    is_system: bool = Field(default=False, alias="isSystem")


class FieldInfo(AutotaskModel):
    name: str
    data_type: str | None = Field(default=None, alias="dataType")
    length: int | None = None
    is_required: bool = Field(default=False, alias="isRequired")
    is_read_only: bool = Field(default=False, alias="isReadOnly")
    is_queryable: bool = Field(default=True, alias="isQueryable")
    is_reference: bool = Field(default=False, alias="isReference")
    reference_entity_type: str | None = Field(default=None, alias="referenceEntityType")
    is_pick_list: bool = Field(default=False, alias="isPickList")
    picklist_values: list[PicklistValue] | None = Field(default=None, alias="picklistValues")


class ThresholdInfo(AutotaskModel):
    external_request_threshold: int = Field(alias="externalRequestThreshold")
    request_threshold_timeframe: int = Field(alias="requestThresholdTimeframe")
    current_timeframe_request_count: int = Field(alias="currentTimeframeRequestCount")

    @property
    def used_fraction(self) -> float:
        """Share of the database's hourly budget already spent (0.0 when no threshold)."""
        if self.external_request_threshold <= 0:
            return 0.0
        return self.current_timeframe_request_count / self.external_request_threshold


class ZoneInfo(AutotaskModel):
    zone_name: str | None = Field(default=None, alias="zoneName")
    url: str
    web_url: str | None = Field(default=None, alias="webUrl")
    ci: int | None = None
