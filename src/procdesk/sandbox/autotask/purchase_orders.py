"""PurchaseOrders: created with `POST PurchaseOrders`, updated with `PATCH|PUT PurchaseOrders`
(id in the body), never deleted.

Rules: vendorID must be an active company of type Vendor; shipToName and shipToAddress1 are
required; string lengths as entityInformation states them.

Choices where the facts are UNVERIFIED:
- A PO is created New; any other status on create is refused.
- Status moves a client may make: New -> Submitted (only with at least one item), New or
  Submitted -> Canceled (not once anything is received). Received Partial and Received Full
  follow the receipts and are refused when set directly; nothing goes back to New.
- A Canceled PO cannot be changed at all; other fields stay editable in every other status
  (e.g. vendorInvoiceNumber after receiving), except vendorID, which is fixed once submitted.
- PUT replaces: every writable field takes the body's value or becomes null, so a PUT must
  carry the required fields again. PATCH changes only what it names.
- purchaseOrderNumber is read-only and is the PO's id as a string; submitDateTime and
  cancelDateTime are stamped by the sandbox clock at those moves.
"""

from __future__ import annotations

from datetime import datetime

from procdesk.sandbox.autotask import charge_procurement
from procdesk.sandbox.autotask.bodies import (
    as_int,
    blank_record,
    parse_body,
    replaced,
    require_fields,
    take_id,
)
from procdesk.sandbox.autotask.charges import API_RESOURCE_ID
from procdesk.sandbox.autotask.entities import PURCHASE_ORDERS
from procdesk.sandbox.autotask.fields import COMPANY_TYPE_VENDOR
from procdesk.sandbox.autotask.po_progress import items_of, status_of
from procdesk.sandbox.autotask.procurement_fields import PO_STATUS_VALUES, PoStatus
from procdesk.sandbox.autotask.store import AutotaskStore, Record
from procdesk.sandbox.autotask.values import AutotaskError, missing_reference


def _company(store: AutotaskStore, field: str, company_id: object) -> Record:
    company = store.get("companies", as_int(company_id))
    if company is None:
        raise missing_reference(field, company_id)
    return company


def _active_vendor(store: AutotaskStore, vendor_id: object) -> None:
    company = _company(store, "vendorID", vendor_id)
    if company["companyType"] != COMPANY_TYPE_VENDOR:
        raise AutotaskError(f"vendorID {vendor_id} is not a Vendor type company.")
    if not company["isActive"]:
        raise AutotaskError(f"vendorID {vendor_id} references an inactive company.")


def _check_companies(store: AutotaskStore, values: Record, before: Record | None) -> None:
    """Check the company references that are new or changed."""
    for field in ("vendorID", "purchaseForCompanyID"):
        value = values.get(field)
        if value is None or (before is not None and before.get(field) == value):
            continue
        if field == "vendorID":
            _active_vendor(store, value)
        else:
            _company(store, field, value)


def create_purchase_order(store: AutotaskStore, body: object, now: datetime) -> int:
    values = parse_body(body, PURCHASE_ORDERS)
    values.pop("id", None)
    require_fields(values, PURCHASE_ORDERS)
    if status_of(values) is not PoStatus.NEW:
        raise AutotaskError(
            "A purchase order is created with status New; submit it with an update."
        )
    _check_companies(store, values, None)
    po = blank_record(PURCHASE_ORDERS) | values
    po.update(createDateTime=now, creatorResourceID=API_RESOURCE_ID)
    po_id = store.insert("purchaseorders", po)
    po["purchaseOrderNumber"] = str(po_id)
    return po_id


def _check_move(store: AutotaskStore, po_id: int, current: PoStatus, target: PoStatus) -> None:
    if target in (PoStatus.RECEIVED_PARTIAL, PoStatus.RECEIVED_FULL):
        raise AutotaskError(
            f"Status {target.value} follows receiving and cannot be set on a purchase order."
        )
    if target is PoStatus.NEW:
        raise AutotaskError("A purchase order cannot return to status New.")
    if target is PoStatus.SUBMITTED:
        if current is not PoStatus.NEW:
            raise AutotaskError("Only a New purchase order can be submitted.")
        if not items_of(store, po_id):
            raise AutotaskError("A purchase order needs at least one item to be submitted.")
    if target is PoStatus.CANCELED and current not in (PoStatus.NEW, PoStatus.SUBMITTED):
        raise AutotaskError("A purchase order with received items cannot be canceled.")


def _apply_move(store: AutotaskStore, po: Record, target: PoStatus, now: datetime) -> None:
    if target is PoStatus.SUBMITTED:
        po["submitDateTime"] = now
    elif target is PoStatus.CANCELED:
        po["cancelDateTime"] = now
        for item in items_of(store, as_int(po["id"])):
            charge_procurement.follow(
                store,
                item["chargeID"],
                charge_procurement.ON_ORDER,
                charge_procurement.NEED_TO_ORDER,
                now,
            )
    po["status"] = PO_STATUS_VALUES[target]


def update_purchase_order(store: AutotaskStore, body: object, now: datetime, replace: bool) -> int:
    values = parse_body(body, PURCHASE_ORDERS)
    po_id = take_id(values, PURCHASE_ORDERS)
    po = store.get("purchaseorders", po_id)
    if po is None:
        raise AutotaskError(f"PurchaseOrders with id {po_id} does not exist.")
    current = status_of(po)
    if current is PoStatus.CANCELED:
        raise AutotaskError(f"Purchase order {po_id} is Canceled and cannot be changed.")
    updated = replaced(po, values, PURCHASE_ORDERS) if replace else po | values
    require_fields(updated, PURCHASE_ORDERS)
    if updated["vendorID"] != po["vendorID"] and current is not PoStatus.NEW:
        raise AutotaskError("vendorID cannot be changed once the purchase order is submitted.")
    _check_companies(store, updated, po)
    target = status_of(updated)
    if target is not current:
        _check_move(store, po_id, current, target)
    updated["status"] = po["status"]
    po.update(updated)
    if target is not current:
        _apply_move(store, po, target, now)
    return po_id
