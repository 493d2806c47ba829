"""TicketCharges through the client against the sandbox: create, read, update, delete."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procdesk.integrations.autotask import AutotaskClient, F, TicketCharge
from procdesk.integrations.errors import ValidationError
from procdesk.sandbox.autotask.demo_data import (
    DEMO_CATEGORY_BILLING_CODES,
    INACTIVE_MATERIAL_CODE_ID,
    RMA_CODE_ID,
)
from procdesk.sandbox.server import SandboxServer
from tests.support.autotask import sandbox_control

TICKET = 7003
HARDWARE_CODE = DEMO_CATEGORY_BILLING_CODES["Hardware"]


def draft(marker: str, **overrides: object) -> TicketCharge:
    fields: dict[str, object] = {
        "ticket_id": TICKET,
        "name": "Docking station",
        "description": "USB-C docking station for hybrid staff",
        "notes": f"procdesk:{marker}",
        "billing_code_id": HARDWARE_CODE,
        "unit_quantity": Decimal("2"),
        "unit_cost": Decimal("150.1234"),
        "unit_price": Decimal("199.9900"),
        "purchase_order_number": "PO-1001",
    }
    return TicketCharge.model_validate(fields | overrides)


async def test_create_read_update_delete(autotask_client: AutotaskClient) -> None:
    charge_id = await autotask_client.create_ticket_charge(draft("q1-l1"))

    created = await autotask_client.get_ticket_charge(charge_id)
    assert created is not None
    assert created.ticket_id == TICKET
    assert created.billable_amount == Decimal("399.98")
    assert created.extended_cost == Decimal("300.2468")
    assert created.is_billed is False
    statuses = await autotask_client.picklist("TicketCharges", "status")
    assert statuses[created.status or -1] == "Ready to Ship"  # no product: nothing to order

    assert (
        await autotask_client.update_ticket_charge(
            TICKET, charge_id, {"unitQuantity": Decimal("3")}
        )
        == charge_id
    )
    updated = await autotask_client.get_ticket_charge(charge_id)
    assert updated is not None
    assert updated.billable_amount == Decimal("599.97")

    found = await autotask_client.query_ticket_charges(F.contains("notes", "procdesk:q1-l1"))
    assert [c.id for c in found] == [charge_id]
    assert [c.id for c in await autotask_client.list_ticket_charges(TICKET)] == [charge_id]

    await autotask_client.delete_ticket_charge(TICKET, charge_id)
    assert await autotask_client.get_ticket_charge(charge_id) is None
    assert await autotask_client.list_ticket_charges(TICKET) == []


async def test_cost_and_price_come_from_the_material_cost_code_when_unset(
    autotask_client: AutotaskClient,
) -> None:
    body = TicketCharge(
        ticket_id=TICKET, name="Cable", unit_quantity=Decimal(5), billing_code_id=HARDWARE_CODE
    )
    charge_id = await autotask_client.create_ticket_charge(body)
    charge = await autotask_client.get_ticket_charge(charge_id)
    assert charge is not None
    assert charge.unit_price == Decimal("125.00")  # taken from the Material Cost Code


async def test_a_charge_without_its_ticket_is_refused_before_sending(
    autotask_client: AutotaskClient,
) -> None:
    with pytest.raises(ValueError, match="ticket"):
        await autotask_client.create_ticket_charge(draft("x", ticket_id=None))
    assert autotask_client.requests_made.total() == 0


@pytest.mark.parametrize("code", [INACTIVE_MATERIAL_CODE_ID, RMA_CODE_ID, 42])
async def test_invalid_billing_code_keeps_autotasks_message(
    autotask_client: AutotaskClient, code: int
) -> None:
    with pytest.raises(ValidationError) as caught:
        await autotask_client.create_ticket_charge(draft("bad", billing_code_id=code))
    assert caught.value.message == "BillingCode does not exist or is invalid"
    assert caught.value.status_code == 500
    assert caught.value.operation == f"POST Tickets/{TICKET}/Charges"
    assert await autotask_client.list_ticket_charges(TICKET) == []


async def test_a_billed_charge_cannot_be_changed(
    autotask_client: AutotaskClient, sandbox: SandboxServer
) -> None:
    charge_id = await autotask_client.create_ticket_charge(draft("billed"))
    await sandbox_control(sandbox, "POST", f"/autotask/charges/{charge_id}/bill")
    billed = await autotask_client.get_ticket_charge(charge_id)
    assert billed is not None
    assert billed.is_billed is True
    with pytest.raises(ValidationError, match="isBilled"):
        await autotask_client.update_ticket_charge(TICKET, charge_id, {"name": "renamed"})
    with pytest.raises(ValidationError, match="isBilled"):
        await autotask_client.delete_ticket_charge(TICKET, charge_id)
