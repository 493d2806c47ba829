"""Approval threshold, manual submission, merge, cancel, timeout after effect, stuck orders."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from decimal import Decimal

import pytest

from procdesk.config.distributors import distributor_settings
from procdesk.domain.enums import (
    Distributor,
    EntityType,
    IssueAction,
    IssueKind,
    OrderLineStatus,
    OrderStatus,
)
from procdesk.integrations.distributor.protocol import DistributorClient
from procdesk.integrations.ingram import IngramClient, IngramSettings
from procdesk.integrations.tdsynnex import (
    KeyringRefreshTokenStore,
    TdSynnexClient,
    TdSynnexSettings,
)
from procdesk.services.procurement.actions import ProcurementActions
from procdesk.services.procurement.queue import MergeError
from procdesk.services.procurement.settings import ClientFactory
from procdesk.store import events
from tests.support.keyring_entries import demo_entry
from tests.support.procurement import LineSpec, Procurement, sandbox_settings

LAPTOP = LineSpec("HP-PROBOOK", "ingram", "1", "899.00", part_number="8YR471")
LAPTOPS = LineSpec("HP-PROBOOK", "ingram", "6", "899.00", part_number="8YR471")
MONITOR = LineSpec("DELL-P2423D", "ingram", "3", "219.00", part_number="5QW330")


def actions(env: Procurement, actor: str = "ana") -> ProcurementActions:
    return ProcurementActions(env.ledger, env.settings, actor=actor, clock=env.time.now)


async def test_order_above_threshold_waits_for_approval_who_and_when_recorded(
    procurement: Procurement,
) -> None:
    [order_id] = await procurement.queue("Q-5001", [LAPTOPS])  # 5,394.00 > 5,000
    await procurement.cycle()
    assert (await procurement.order(order_id)).status == OrderStatus.AWAITING_APPROVAL
    assert procurement.distributor_orders("ingram") == []

    [refused] = await actions(procurement).submit([order_id])
    assert not refused.ok
    [result] = await actions(procurement, "maria").approve([order_id])
    assert result.ok
    order = await procurement.order(order_id)
    assert order.approved_by == "maria"
    assert order.approved_at is not None
    await procurement.cycle()
    assert (await procurement.order(order_id)).status == OrderStatus.ORDERED
    assert len(procurement.distributor_orders("ingram")) == 1
    async with procurement.ledger.read() as conn:
        trail = await events.history(conn, EntityType.ORDER, order_id)
    approved = [e for e in trail if e.action == "approved"]
    assert [e.actor for e in approved] == ["maria"]


async def test_auto_submit_off_keeps_orders_queued_until_someone_submits(
    procurement: Procurement,
) -> None:
    procurement.new_worker(auto_submit=False)
    [order_id] = await procurement.queue("Q-5002", [LAPTOP])
    await procurement.cycle()
    assert (await procurement.order(order_id)).status == OrderStatus.QUEUED
    [result] = await actions(procurement).submit([order_id])
    assert result.ok
    await procurement.cycle()
    assert (await procurement.order(order_id)).status == OrderStatus.ORDERED


async def test_merge_orders_to_the_same_ship_to_into_one_distributor_order(
    procurement: Procurement,
) -> None:
    procurement.new_worker(auto_submit=False)
    [first] = await procurement.queue("Q-5003", [LAPTOP])
    [second] = await procurement.queue("Q-5004", [MONITOR, LAPTOP])
    other_address = {**(await procurement.order(first)).ship_to.model_dump(), "city": "Leeds"}
    [elsewhere] = await procurement.queue("Q-5005", [LAPTOP], ship_to=other_address)
    with pytest.raises(MergeError):
        await actions(procurement).merge([first, elsewhere])

    merged = await actions(procurement).merge([second, first])
    assert merged == first
    lines = await procurement.lines(first)
    assert [line.line_number for line in lines] == [1, 2, 3]
    order = await procurement.order(first)
    assert order.total_value == Decimal("2455.0000")  # 899 + 3 x 219 + 899
    gone = await procurement.order(second)
    assert gone.status == OrderStatus.CANCELLED
    assert gone.merged_into == first

    await actions(procurement).submit([first])
    await procurement.cycle()
    [at_ingram] = procurement.distributor_orders("ingram")
    assert at_ingram["customerOrderNumber"] == order.reference
    assert at_ingram["lines"] == 3


async def test_cancel_before_and_after_placing(procurement: Procurement) -> None:
    procurement.new_worker(auto_submit=False)
    [queued] = await procurement.queue("Q-5006", [LAPTOP])
    [placed] = await procurement.queue("Q-5007", [MONITOR])
    await actions(procurement).submit([placed])
    await procurement.cycle()
    assert (await procurement.order(placed)).status == OrderStatus.ORDERED

    results = await actions(procurement).cancel([queued, placed], "customer changed mind")
    assert all(r.ok for r in results)
    assert (await procurement.order(queued)).status == OrderStatus.CANCELLED
    await procurement.cycle()
    order = await procurement.order(placed)
    assert order.status == OrderStatus.CANCELLED
    assert [ln.status for ln in await procurement.lines(placed)] == [OrderLineStatus.CANCELLED]
    [at_ingram] = procurement.distributor_orders("ingram")
    assert at_ingram["orderStatus"].lower().startswith("cancel")


def short_timeout_clients(env: Procurement, timeout: float) -> ClientFactory:
    settings = sandbox_settings(env.sandbox)

    def create(distributor: Distributor) -> DistributorClient:
        config: Mapping[str, str] = distributor_settings(settings, distributor)
        if distributor is Distributor.INGRAM:
            secret = env.secrets.get(demo_entry("ingram"), "client_secret") or ""
            return IngramClient(IngramSettings.model_validate(config), secret, timeout=timeout)
        return TdSynnexClient(
            TdSynnexSettings.model_validate(config),
            KeyringRefreshTokenStore(env.secrets, config["account_id"]),
            timeout=timeout,
        )

    return create


async def test_timeout_after_the_order_took_effect_is_reconciled_not_resent(
    procurement: Procurement,
) -> None:
    procurement.new_worker(short_timeout_clients(procurement, 1.0))
    [order_id] = await procurement.queue("Q-5008", [LAPTOP])
    procurement.set_faults("ingram:POST:*/resellers/v6/orders=timeout_after_effect:1:3")
    await procurement.cycle()
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.PROCESSING
    assert order.attempts == 1
    assert "timed out" in (order.last_error or "")
    assert len(procurement.distributor_orders("ingram")) == 1  # it did take effect

    procurement.set_faults("")
    procurement.time.advance(timedelta(minutes=2))
    await procurement.cycle()
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.ORDERED
    assert len(procurement.distributor_orders("ingram")) == 1  # never placed twice
    async with procurement.ledger.read() as conn:
        trail = [e.action for e in await events.history(conn, EntityType.ORDER, order_id)]
    assert "reconciled" in trail
    assert trail.count("sending") == 1


async def test_order_stuck_in_processing_becomes_an_issue_with_the_last_error_then_retry(
    procurement: Procurement,
) -> None:
    [order_id] = await procurement.queue("Q-5009", [LAPTOP])
    procurement.set_faults("ingram:POST:*/resellers/v6/orders=500")
    await procurement.cycle()
    for _ in range(3):
        procurement.time.advance(timedelta(minutes=12))
        await procurement.cycle()
    [issue] = await procurement.open_issues()
    assert issue.kind == IssueKind.STUCK_PROCESSING
    assert issue.action == IssueAction.RETRY
    assert "500" in issue.message or "last error" in issue.message
    assert procurement.distributor_orders("ingram") == []

    procurement.set_faults("")
    [result] = await actions(procurement).retry([order_id])
    assert result.ok
    assert await procurement.open_issues() == []
    await procurement.cycle()
    assert (await procurement.order(order_id)).status == OrderStatus.ORDERED
    assert len(procurement.distributor_orders("ingram")) == 1


async def test_cancel_the_distributor_refuses_keeps_the_order_and_says_why(
    procurement: Procurement,
) -> None:
    m365 = LineSpec("M365-BP", "tdsynnex", "5", "22.00", part_number="ms365-bp-p1m")
    [order_id] = await procurement.queue("Q-5010", [m365], company="Northwind Dental Group")
    await procurement.cycle()
    assert (await procurement.order(order_id)).status == OrderStatus.ORDERED
    [result] = await actions(procurement).cancel([order_id], "not needed")
    assert result.ok
    await procurement.cycle()
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.ORDERED  # still followed, not turned into an error
    assert order.cancel_reason is None
    [issue] = await procurement.open_issues()
    assert issue.kind == IssueKind.ORDER_REJECTED
    assert "ION portal" in issue.message
