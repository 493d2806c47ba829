"""The client against the real sandbox over loopback: zone, auth, reads and metadata."""

from __future__ import annotations

import pytest

from procdesk.integrations.autotask import AutotaskClient, F
from procdesk.integrations.errors import AuthenticationError, NotFoundError
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from tests.support.autotask import demo_autotask_credentials, sandbox_autotask_root

FIRST_TICKET_ID = 7001
FIRST_TICKET_NUMBER = "T20261120.0001"


async def test_zone_lookup_finds_the_rest_root_once(sandbox: SandboxServer) -> None:
    async with AutotaskClient(
        demo_autotask_credentials(), zone_lookup_url=sandbox_autotask_root(sandbox), timeout=10
    ) as client:
        zone = await client.zone()
        assert zone.url.rstrip("/").endswith("/autotask/atservicesrest")
        assert await client.base_url() == f"{sandbox_autotask_root(sandbox)}/v1.0"
        assert await client.ticket_id_for_number(FIRST_TICKET_NUMBER) == FIRST_TICKET_ID
        assert await client.zone() is zone
        assert client.requests_made["zoneInformation"] == 1


async def test_configured_root_also_answers_the_zone_question(
    autotask_client: AutotaskClient, sandbox: SandboxServer
) -> None:
    zone = await autotask_client.zone()
    assert zone.zone_name
    assert await autotask_client.base_url() == f"{sandbox_autotask_root(sandbox)}/v1.0"


async def test_unknown_user_fails_the_zone_lookup_as_authentication(
    sandbox: SandboxServer,
) -> None:
    creds = demo_autotask_credentials().model_copy(update={"username": "nobody@else.example"})
    async with AutotaskClient(
        creds, zone_lookup_url=sandbox_autotask_root(sandbox), timeout=10
    ) as client:
        with pytest.raises(AuthenticationError, match="Zone information could not be determined"):
            await client.threshold_information()


async def test_wrong_secret_is_an_authentication_error_without_the_secret(
    sandbox: SandboxServer,
) -> None:
    wrong = "definitely-wrong-secret-X9"
    async with AutotaskClient(
        demo_autotask_credentials(wrong), base_url=sandbox_autotask_root(sandbox), timeout=10
    ) as client:
        with pytest.raises(AuthenticationError) as caught:
            await client.query_billing_codes()
    error = caught.value
    assert error.status_code == 401
    for text in (str(error), repr(error), error.message, error.operation):
        assert wrong not in text
        assert DEMO_CREDENTIALS.autotask.secret not in text


async def test_get_known_and_unknown_records(autotask_client: AutotaskClient) -> None:
    ticket = await autotask_client.get_ticket(FIRST_TICKET_ID)
    assert ticket is not None
    assert ticket.ticket_number == FIRST_TICKET_NUMBER
    assert await autotask_client.get_ticket(999_999) is None
    assert await autotask_client.get_product(999_999) is None


async def test_unknown_ticket_number_resolves_to_none(autotask_client: AutotaskClient) -> None:
    assert await autotask_client.ticket_id_for_number("T19990101.9999") is None


async def test_unknown_entity_is_not_found(autotask_client: AutotaskClient) -> None:
    with pytest.raises(NotFoundError):
        await autotask_client.query("NoSuchEntities")


async def test_typed_queries(autotask_client: AutotaskClient) -> None:
    codes = await autotask_client.query_billing_codes(F.eq("isActive", True))
    assert codes
    assert all(code.is_active for code in codes)
    products = await autotask_client.query_products()
    assert [p.id for p in products] == sorted(p.id for p in products)
    product = await autotask_client.get_product(products[0].id)
    assert product is not None
    assert product.sku == products[0].sku
    items = await autotask_client.query_inventory_items(F.gt("quantityOnHand", 0))
    assert items
    assert all((item.quantity_on_hand or 0) > 0 for item in items)


async def test_include_fields_limits_the_record(autotask_client: AutotaskClient) -> None:
    records = await autotask_client.query("Products", F.begins_with("name", "L"), ["name"])
    assert records
    assert all(set(r) == {"id", "name"} and r["name"].startswith("L") for r in records)


async def test_count_matches_the_query(autotask_client: AutotaskClient) -> None:
    everything = await autotask_client.query("BillingCodes")
    assert await autotask_client.count("BillingCodes") == len(everything)
    inactive = F.eq("isActive", False)
    assert await autotask_client.count("BillingCodes", inactive) == len(
        [c for c in everything if not c["isActive"]]
    )


async def test_picklists_are_read_from_the_api_and_cached(
    autotask_client: AutotaskClient,
) -> None:
    statuses = await autotask_client.picklist("TicketCharges", "status")
    assert {"Need To Order", "Waiting Approval", "Ready to Ship", "Pending"} <= set(
        statuses.values()
    )
    ready = await autotask_client.picklist_value("TicketCharges", "STATUS", "ready to ship")
    assert statuses[ready] == "Ready to Ship"
    fields = await autotask_client.field_info("TicketCharges")
    assert any(f.name == "billingCodeID" and f.is_reference for f in fields)
    assert autotask_client.requests_made["TicketCharges"] == 1
    with pytest.raises(NotFoundError):
        await autotask_client.picklist("TicketCharges", "noSuchField")


async def test_threshold_information_counts_our_calls(autotask_client: AutotaskClient) -> None:
    first = await autotask_client.threshold_information()
    second = await autotask_client.threshold_information()
    assert first.external_request_threshold == 10_000
    assert second.current_timeframe_request_count > first.current_timeframe_request_count
    assert 0.0 < second.used_fraction < 1.0
