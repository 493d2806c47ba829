"""TicketCharges rules, exactly as the Autotask entity documentation states them."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from procdesk.domain.enums import ProcurementStatus
from procdesk.sandbox.autotask.bodies import parse_body
from procdesk.sandbox.autotask.entities import TICKET_CHARGES
from procdesk.sandbox.autotask.fields import (
    BILLING_CODE_TYPE_SYSTEM,
    CHARGE_STATUS_VALUES,
    USE_TYPE_MATERIAL,
)
from procdesk.sandbox.autotask.store import AutotaskStore, Record
from procdesk.sandbox.autotask.values import AutotaskError, missing_reference

API_RESOURCE_ID = 29682885  # the resource behind the demo API user
INVALID_BILLING_CODE = "BillingCode does not exist or is invalid"
FOUR_PLACES = Decimal("0.0001")


def _round(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(FOUR_PLACES, ROUND_HALF_UP)


def _require_ticket(store: AutotaskStore, ticket_id: int) -> None:
    if store.get("tickets", ticket_id) is None:
        raise missing_reference("ticketID", ticket_id)


def _product(store: AutotaskStore, product_id: int) -> Record:
    product = store.get("products", product_id)
    if product is None:
        raise missing_reference("productID", product_id)
    return product


def _material_code(store: AutotaskStore, code_id: int) -> Record:
    code = store.get("billingcodes", code_id)
    if (
        code is None
        or code["useType"] != USE_TYPE_MATERIAL
        or not code["isActive"]
        or code["billingCodeType"] == BILLING_CODE_TYPE_SYSTEM
    ):
        raise AutotaskError(INVALID_BILLING_CODE)
    return code


def _fill_from(source: Record, values: Record) -> None:
    """unitCost and unitPrice not supplied take their values from `source`."""
    for name in ("unitCost", "unitPrice"):
        if values.get(name) is None and source.get(name) is not None:
            values[name] = source[name]


def _defaults_from_product(store: AutotaskStore, given: Record) -> None:
    """billingCodeID, unitCost and unitPrice not supplied take their values from the Product."""
    product = _product(store, int(str(given["productID"])))
    if given.get("billingCodeID") is None:
        given["billingCodeID"] = product["productBillingCodeID"]
    _fill_from(product, given)


def _apply_amounts(charge: Record) -> None:
    quantity = _round(charge.get("unitQuantity")) or Decimal(0)
    cost, price = _round(charge.get("unitCost")), _round(charge.get("unitPrice"))
    charge.update(unitQuantity=quantity, unitCost=cost, unitPrice=price)
    charge["billableAmount"] = quantity * price if price is not None else None
    charge["extendedCost"] = quantity * cost if cost is not None else None
    charge["internalCurrencyBillableAmount"] = charge["billableAmount"]
    charge["internalCurrencyUnitPrice"] = price


def _derive_status(store: AutotaskStore, charge: Record) -> int:
    settings = store.settings
    if not settings.procurement_enabled:
        return CHARGE_STATUS_VALUES[ProcurementStatus.PENDING]
    product_id = charge.get("productID")
    if product_id is None:
        return CHARGE_STATUS_VALUES[ProcurementStatus.READY_TO_SHIP]
    product = _product(store, int(str(product_id)))
    quantity = Decimal(str(charge["unitQuantity"]))
    in_stock = store.available_stock(int(str(product_id))) >= quantity
    if product["doesNotRequireProcurement"] or in_stock:
        return CHARGE_STATUS_VALUES[ProcurementStatus.READY_TO_SHIP]
    extended = charge.get("extendedCost")
    if isinstance(extended, Decimal) and extended > settings.approval_threshold:
        return CHARGE_STATUS_VALUES[ProcurementStatus.WAITING_APPROVAL]
    return CHARGE_STATUS_VALUES[ProcurementStatus.NEED_TO_ORDER]


def create_charge(store: AutotaskStore, ticket_id: int, body: object, now: datetime) -> int:
    given = parse_body(body, TICKET_CHARGES)
    given.pop("id", None)
    if given.get("ticketID") not in (None, ticket_id):
        raise AutotaskError("The ticketID in the body does not match the parent ticket.")
    _require_ticket(store, ticket_id)
    for name in ("name", "unitQuantity"):
        if given.get(name) in (None, ""):
            raise AutotaskError(f"Required field {name} is missing.")
    if given.get("productID") is None and given.get("billingCodeID") is None:
        raise AutotaskError("TicketCharges must have either a productID or billingCodeID.")
    if given.get("productID") is not None:
        _defaults_from_product(store, given)
    charge: Record = {f.name: None for f in TICKET_CHARGES.fields}
    charge.update(given, ticketID=ticket_id, isBilled=False)
    if charge["isBillableToCompany"] is None:
        charge["isBillableToCompany"] = True
    code = _material_code(store, int(str(charge["billingCodeID"])))
    _fill_from(code, charge)
    _apply_amounts(charge)
    charge.update(
        status=_derive_status(store, charge),
        createDate=now,
        creatorResourceID=API_RESOURCE_ID,
        statusLastModifiedBy=API_RESOURCE_ID,
        statusLastModifiedDate=now,
    )
    return store.insert("ticketcharges", charge)


def _existing(store: AutotaskStore, ticket_id: int, charge_id: int) -> Record:
    charge = store.get("ticketcharges", charge_id)
    if charge is None or charge["ticketID"] != ticket_id:
        raise AutotaskError(
            f"TicketCharges with id {charge_id} does not exist on ticket {ticket_id}."
        )
    if charge["isBilled"]:
        raise AutotaskError(
            "This TicketCharge has been approved and posted (isBilled = true) and is read-only."
        )
    return charge


def update_charge(store: AutotaskStore, ticket_id: int, body: object) -> int:
    given = parse_body(body, TICKET_CHARGES)
    charge_id = given.pop("id", None)
    if charge_id is None:
        raise AutotaskError("The id field is required to update TicketCharges.")
    charge = _existing(store, ticket_id, int(str(charge_id)))
    if given.pop("ticketID", ticket_id) != charge["ticketID"]:
        raise AutotaskError("ticketID cannot be updated.")
    if given.get("productID") not in (None, charge["productID"]):
        _defaults_from_product(store, given)
    code_id = given.get("billingCodeID")
    if code_id is not None and code_id != charge["billingCodeID"]:
        _fill_from(_material_code(store, int(str(code_id))), given)
    updated = {**charge, **given}
    if updated["productID"] is None and updated["billingCodeID"] is None:
        raise AutotaskError("TicketCharges must have either a productID or billingCodeID.")
    _apply_amounts(updated)
    charge.update(updated)
    return int(str(charge["id"]))


def delete_charge(store: AutotaskStore, ticket_id: int, charge_id: int) -> int:
    _existing(store, ticket_id, charge_id)
    del store.table("ticketcharges")[charge_id]
    return charge_id


def bill_charge(store: AutotaskStore, charge_id: int) -> Record:
    """Approve and post a charge (what a billing admin does in Autotask): isBilled = true."""
    charge = store.get("ticketcharges", charge_id)
    if charge is None:
        raise AutotaskError(f"TicketCharges with id {charge_id} does not exist.", status=404)
    charge["isBilled"] = True
    return charge
