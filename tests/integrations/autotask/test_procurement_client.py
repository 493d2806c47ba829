"""AutotaskProcurementClient against the sandbox over loopback HTTP: picklists read at run
time, vendors and locations, the PO flow, exactly-once receiving and typed errors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pydantic
import pytest

from procdesk.integrations.autotask import TicketCharge
from procdesk.integrations.autotask.procurement import AutotaskProcurementClient
from procdesk.integrations.autotask.procurement_models import (
    NewPurchaseOrder,
    NewPurchaseOrderItem,
    NewReceipt,
    PurchaseOrderStatus,
    PurchaseOrderStatuses,
)
from procdesk.integrations.errors import NotFoundError, TransientError, ValidationError
from procdesk.sandbox.autotask.demo_data import demo_product_id
from procdesk.sandbox.autotask.demo_procurement import (
    DEFAULT_LOCATION_ID,
    INACTIVE_LOCATION_ID,
    INACTIVE_VENDOR_ID,
    INGRAM_VENDOR_ID,
    NON_VENDOR_COMPANY_ID,
    TDSYNNEX_VENDOR_ID,
)
from procdesk.sandbox.autotask.fields import COMPANY_TYPE_VENDOR
from procdesk.sandbox.autotask.procurement_fields import PO_STATUS_VALUES
from procdesk.sandbox.server import SandboxServer
from tests.support.autotask import sandbox_control, set_faults
from tests.support.procurement_sandbox import PLAIN, SERIALIZED, TICKET

LAPTOP = demo_product_id(SERIALIZED)
MONITOR = demo_product_id(PLAIN)


async def new_charge(client: AutotaskProcurementClient, product: int, quantity: int = 2) -> int:
    charge = TicketCharge(
        ticketID=TICKET, name="Quote line", productID=product, unitQuantity=Decimal(quantity)
    )
    return await client.create_ticket_charge(charge)


def order(**fields: Any) -> NewPurchaseOrder:
    base: dict[str, Any] = {
        "vendorID": INGRAM_VENDOR_ID,
        "shipToName": "Demo MSP Receiving",
        "shipToAddress1": "1 Dock Road",
        "externalPONumber": "20-CLIENT",
    }
    return NewPurchaseOrder(**{**base, **fields})


def line(**fields: Any) -> NewPurchaseOrderItem:
    base: dict[str, Any] = {
        "inventoryLocationID": DEFAULT_LOCATION_ID,
        "quantity": 2,
        "unitCost": Decimal("1029.00"),
    }
    return NewPurchaseOrderItem(**{**base, **fields})


async def submitted(
    client: AutotaskProcurementClient, product: int, quantity: int
) -> tuple[int, int, int]:
    """A submitted PO with one item for a new charge: (po, item, charge)."""
    charge_id = await new_charge(client, product, quantity)
    po_id = await client.create_purchase_order(order())
    item_id = await client.add_purchase_order_item(
        po_id, line(chargeID=charge_id, quantity=quantity)
    )
    await client.submit_purchase_order(po_id)
    return po_id, item_id, charge_id


async def test_picklists_come_from_entity_information(
    procurement_client: AutotaskProcurementClient,
) -> None:
    statuses = await procurement_client.purchase_order_statuses()
    assert {status.value: statuses.value(status) for status in PurchaseOrderStatus} == {
        status.value: value for status, value in PO_STATUS_VALUES.items()
    }
    assert await procurement_client.company_type_value() == COMPANY_TYPE_VENDOR
    labels = await procurement_client.charge_status_labels()
    assert {"Need To Order", "On Order", "Ready to Ship"} <= set(labels.values())
    with pytest.raises(NotFoundError):
        await procurement_client.company_type_value("Supplier")


@pytest.mark.parametrize(
    ("picklist", "expected"),
    [
        (
            {1: "New", 2: "Submitted", 3: "ReceivedPartial", 4: "ReceivedFull", 5: "Cancelled"},
            {"New": 1, "Submitted": 2, "Received Partial": 3, "Received Full": 4, "Canceled": 5},
        ),
        (
            {7: "new", 9: "SUBMITTED", 8: "Received partial", 6: "Received full", 5: "Canceled"},
            {"New": 7, "Submitted": 9, "Received Partial": 8, "Received Full": 6, "Canceled": 5},
        ),
    ],
    ids=["SOAP spellings", "other case and numbers"],
)
def test_status_labels_match_whatever_the_tenant_spells(
    picklist: dict[int, str], expected: dict[str, int]
) -> None:
    statuses = PurchaseOrderStatuses.from_picklist(picklist)
    assert {s.value: statuses.value(s) for s in PurchaseOrderStatus} == expected
    assert statuses.status(expected["Submitted"]) is PurchaseOrderStatus.SUBMITTED
    assert statuses.status(12345) is None


def test_a_missing_status_label_is_not_found() -> None:
    with pytest.raises(NotFoundError, match="Received Full"):
        PurchaseOrderStatuses.from_picklist({1: "New", 2: "Submitted", 3: "Received Partial"})


async def test_vendor_companies(procurement_client: AutotaskProcurementClient) -> None:
    active = await procurement_client.vendor_companies()
    assert [(c.id, c.companyName) for c in active] == [
        (INGRAM_VENDOR_ID, "Ingram Micro"),
        (TDSYNNEX_VENDOR_ID, "TD SYNNEX"),
    ]
    named = await procurement_client.vendor_companies("TD SYNNEX")
    assert [c.id for c in named] == [TDSYNNEX_VENDOR_ID]
    every = await procurement_client.vendor_companies(include_inactive=True)
    assert INACTIVE_VENDOR_ID in {c.id for c in every}
    assert await procurement_client.vendor_companies("D&H Distributing") == []


@pytest.mark.parametrize(
    ("company_id", "usable"),
    [
        (INGRAM_VENDOR_ID, True),
        (INACTIVE_VENDOR_ID, False),
        (NON_VENDOR_COMPANY_ID, False),
        (174, False),
        (999999, False),
    ],
)
async def test_active_vendor(
    procurement_client: AutotaskProcurementClient, company_id: int, usable: bool
) -> None:
    found = await procurement_client.active_vendor(company_id)
    assert (found is not None) == usable
    if found is not None:
        assert found.id == company_id


async def test_inventory_locations(procurement_client: AutotaskProcurementClient) -> None:
    default = await procurement_client.default_inventory_location()
    assert default is not None
    assert (default.id, default.locationName) == (DEFAULT_LOCATION_ID, "Main Warehouse")
    assert await procurement_client.active_inventory_location(DEFAULT_LOCATION_ID) == default
    assert await procurement_client.active_inventory_location(INACTIVE_LOCATION_ID) is None
    assert await procurement_client.active_inventory_location(999) is None
    assert [loc.id for loc in await procurement_client.inventory_locations()] == [1]
    every = await procurement_client.inventory_locations(include_inactive=True)
    assert [loc.id for loc in every] == [1, 2]


async def test_product_vendors(procurement_client: AutotaskProcurementClient) -> None:
    (vendor,) = await procurement_client.product_vendors(LAPTOP)
    assert (vendor.vendorID, vendor.vendorPartNumber) == (INGRAM_VENDOR_ID, "7JD552")


async def test_the_purchase_order_flow_moves_the_charge(
    procurement_client: AutotaskProcurementClient,
) -> None:
    client = procurement_client
    charge_id = await new_charge(client, LAPTOP, 2)
    assert await client.charge_status_label(charge_id) == "Need To Order"
    po_id = await client.create_purchase_order(order(externalPONumber="20-ABCDE"))
    assert [p.id for p in await client.find_purchase_orders("20-ABCDE")] == [po_id]
    assert await client.purchase_order_status(po_id) is PurchaseOrderStatus.NEW

    item_id = await client.add_purchase_order_item(po_id, line(chargeID=charge_id))
    (item,) = await client.purchase_order_items(po_id)
    assert (item.id, item.ticketID, item.productID, item.quantity) == (item_id, TICKET, LAPTOP, 2)
    assert await client.charge_status_label(charge_id) == "On Order"

    await client.submit_purchase_order(po_id)
    purchase_order = await client.get_purchase_order(po_id)
    assert purchase_order is not None
    assert purchase_order.submitDateTime is not None
    assert await client.purchase_order_status(po_id) is PurchaseOrderStatus.SUBMITTED

    first = await client.receive_serial_once(item_id, "LAT-A")
    assert await client.receive_serial_once(item_id, "LAT-A") == first
    assert await client.purchase_order_status(po_id) is PurchaseOrderStatus.RECEIVED_PARTIAL
    await client.receive_serial_once(item_id, "LAT-B")
    assert await client.purchase_order_status(po_id) is PurchaseOrderStatus.RECEIVED_FULL
    assert await client.charge_status_label(charge_id) == "Ready to Ship"
    assert [r.serialNumber for r in await client.receipts(item_id)] == ["LAT-A", "LAT-B"]
    assert [r.id for r in await client.receipts(item_id, "LAT-A")] == [first]
    (serial,) = await client.serial_numbers("LAT-B")
    assert serial.inventoryItemID is not None


async def test_receive_up_to_receives_only_what_is_missing(
    procurement_client: AutotaskProcurementClient,
) -> None:
    client = procurement_client
    _, item_id, _ = await submitted(client, MONITOR, 3)
    assert await client.receive_up_to(item_id, 2) is not None
    assert await client.receive_up_to(item_id, 2) is None
    assert await client.received_quantity(item_id) == 2
    last = await client.receive_up_to(item_id, 3)
    assert last is not None
    assert [r.quantityNowReceiving for r in await client.receipts(item_id)] == [2, 1]
    (_, final) = await client.receipts(item_id)
    assert (final.quantityPreviouslyReceived, final.quantityBackOrdered) == (2, 0)


async def test_a_retry_after_a_lost_response_receives_once(
    sandbox: SandboxServer, procurement_client: AutotaskProcurementClient
) -> None:
    client = procurement_client
    _, item_id, _ = await submitted(client, LAPTOP, 2)
    await set_faults(sandbox, "autotask:POST:*/Receiving=timeout_after_effect:1:0.2")
    with pytest.raises(TransientError) as lost:
        await client.receive(item_id, NewReceipt(quantityNowReceiving=1, serialNumber="LAT-X"))
    assert lost.value.maybe_applied is True
    await sandbox_control(sandbox, "DELETE", "/faults")
    (recorded,) = await client.receipts(item_id, "LAT-X")
    assert await client.receive_serial_once(item_id, "LAT-X") == recorded.id
    assert await client.received_quantity(item_id) == 1


async def test_canceling_puts_the_charge_back(
    procurement_client: AutotaskProcurementClient,
) -> None:
    po_id, _, charge_id = await submitted(procurement_client, MONITOR, 1)
    await procurement_client.cancel_purchase_order(po_id)
    assert await procurement_client.purchase_order_status(po_id) is PurchaseOrderStatus.CANCELED
    assert await procurement_client.charge_status_label(charge_id) == "Need To Order"


async def test_unknown_records_are_none(procurement_client: AutotaskProcurementClient) -> None:
    assert await procurement_client.get_purchase_order(999999) is None
    assert await procurement_client.purchase_order_status(999999) is None
    assert await procurement_client.get_purchase_order_item(999999) is None
    assert await procurement_client.charge_status_label(999999) is None
    assert await procurement_client.find_purchase_orders("20-NOPE") == []


async def test_refusals_are_validation_errors_with_autotasks_message(
    procurement_client: AutotaskProcurementClient,
) -> None:
    client = procurement_client
    with pytest.raises(ValidationError, match="Vendor") as not_vendor:
        await client.create_purchase_order(order(vendorID=NON_VENDOR_COMPANY_ID))
    assert not_vendor.value.status_code == 500
    po_id, item_id, _ = await submitted(client, MONITOR, 2)
    with pytest.raises(ValidationError, match="New"):
        await client.add_purchase_order_item(po_id, line(productID=MONITOR))
    with pytest.raises(ValidationError, match="not serialized"):
        await client.receive(item_id, NewReceipt(quantityNowReceiving=1, serialNumber="SN-1"))
    with pytest.raises(ValidationError, match="remain"):
        await client.receive(item_id, NewReceipt(quantityNowReceiving=3))
    with pytest.raises(ValidationError, match="not a valid picklist value"):
        await client.update_purchase_order(po_id, {"status": 1})  # a hard-coded guess
    received_full = (await client.purchase_order_statuses()).value(
        PurchaseOrderStatus.RECEIVED_FULL
    )
    with pytest.raises(ValidationError, match="follows receiving"):
        await client.update_purchase_order(po_id, {"status": received_full})
    assert await client.received_quantity(item_id) == 0


async def test_updates_patch_the_order_and_its_items(
    procurement_client: AutotaskProcurementClient,
) -> None:
    client = procurement_client
    po_id = await client.create_purchase_order(order())
    item_id = await client.add_purchase_order_item(po_id, line(productID=MONITOR))
    await client.update_purchase_order(po_id, {"vendorInvoiceNumber": "INV-9"})
    await client.update_purchase_order_item(po_id, item_id, {"quantity": 5, "memo": "more"})
    purchase_order = await client.get_purchase_order(po_id)
    item = await client.get_purchase_order_item(item_id)
    assert purchase_order is not None
    assert item is not None
    assert (purchase_order.vendorInvoiceNumber, item.quantity, item.memo) == ("INV-9", 5, "more")


WRITE_MODELS_REFUSED: list[tuple[str, type[pydantic.BaseModel], dict[str, Any]]] = [
    ("serial of 51", NewReceipt, {"quantityNowReceiving": 1, "serialNumber": "S" * 51}),
    ("two serials", NewReceipt, {"quantityNowReceiving": 1, "serialNumber": "A,B"}),
    ("serial for two units", NewReceipt, {"quantityNowReceiving": 2, "serialNumber": "A"}),
    ("nothing received", NewReceipt, {"quantityNowReceiving": 0}),
    ("item of 0", NewPurchaseOrderItem, {"inventoryLocationID": 1, "quantity": 0, "unitCost": 1,
                                         "productID": 1}),
    ("item without product or charge", NewPurchaseOrderItem, {"inventoryLocationID": 1,
                                                              "quantity": 1, "unitCost": 1}),
    ("negative cost", NewPurchaseOrderItem, {"inventoryLocationID": 1, "quantity": 1,
                                             "unitCost": -1, "productID": 1}),
    ("ship-to name of 101", NewPurchaseOrder, {"vendorID": 1, "shipToName": "n" * 101,
                                               "shipToAddress1": "a"}),
    ("unknown field", NewPurchaseOrder, {"vendorID": 1, "shipToName": "n", "shipToAddress1": "a",
                                         "status": 1}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("model", "fields"),
    [c[1:] for c in WRITE_MODELS_REFUSED],
    ids=[c[0] for c in WRITE_MODELS_REFUSED],
)
def test_write_models_refuse_what_autotask_would(
    model: type[pydantic.BaseModel], fields: dict[str, Any]
) -> None:
    with pytest.raises(pydantic.ValidationError):
        model(**fields)


def test_write_models_accept_their_limits() -> None:
    receipt = NewReceipt(quantityNowReceiving=1, serialNumber="S" * 50)
    assert receipt.to_wire() == {"quantityNowReceiving": 1, "serialNumber": "S" * 50}
    item = NewPurchaseOrderItem(inventoryLocationID=1, quantity=1, unitCost=Decimal(0), chargeID=5)
    assert item.to_wire() == {"inventoryLocationID": 1, "quantity": 1, "unitCost": 0, "chargeID": 5}
    po = NewPurchaseOrder(vendorID=1, shipToName="n" * 100, shipToAddress1="a" * 128)
    assert set(po.to_wire()) == {"vendorID", "shipToName", "shipToAddress1"}
