"""A whole procurement world for purchase-order tests: one ledger, the sandbox's Autotask
and Ingram Micro, the charge loop, the procurement worker and the purchase-order loop, all
on a clock kept in step with the sandbox's; and reads of Autotask through its own query
endpoints (never the ledger) to check what exists there."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.config import Settings
from procdesk.config.autotask import AutotaskConfig
from procdesk.config.sync import SyncConfig
from procdesk.domain.enums import Distributor, IssueKind
from procdesk.domain.issue import Issue
from procdesk.domain.order import Order
from procdesk.domain.state_machines import ORDER_POLLABLE_STATES
from procdesk.integrations.distributor.protocol import DistributorClient
from procdesk.integrations.ingram import IngramClient, IngramSettings
from procdesk.sandbox.autotask.demo_data import demo_product_id
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import SecretStore
from procdesk.services.procurement.loop import ProcurementWorker
from procdesk.services.purchase_orders.actions import PurchaseOrderActions
from procdesk.services.purchase_orders.loop import PurchaseOrderLoop
from procdesk.store import charges as charge_store
from procdesk.store import issues, order_work
from procdesk.store import mappings as mapping_store
from procdesk.store import orders as order_store
from procdesk.store import quotes as quote_store
from procdesk.store.ledger import Ledger
from procdesk.store.purchase_orders import PLACED
from procdesk.store.schema import quote_lines, quotes
from procdesk.wiring import Context
from tests.support.charges import HARDWARE_CODE
from tests.support.keyring_entries import demo_entry
from tests.support.procurement import SHIP_TO, T0, SandboxTime, store_demo_secrets
from tests.support.procurement import sandbox_settings as distributor_settings
from tests.support.sandbox import AUTOTASK_ROOT, autotask_headers

TICKET = 7005  # a demo ticket of the sandbox's Autotask
OTHER_TICKET = 7006
NAS = "Synology DiskStation DS923+"  # Ingram 7SY553: 2 in stock, the rest backordered
LAPTOP = "HP ProBook 450 G10 15.6in i5"  # Ingram 8YR471: in stock
MONITOR = "Dell 24 Monitor P2423D"  # Ingram 5QW330: in stock, no serial numbers
M365 = "Microsoft 365 Business Premium (monthly)"  # TD SYNNEX ION: a cloud subscription
PARTS = {NAS: "7SY553", LAPTOP: "8YR471", MONITOR: "5QW330", M365: "ms365-bp-p1m"}
# The distributors' prices, so that no price drift holds the orders back
COSTS = {
    NAS: Decimal("599.00"),
    LAPTOP: Decimal("899.00"),
    MONITOR: Decimal("219.00"),
    M365: Decimal("22.00"),
}
CLOUD = {M365}  # ordered through TD SYNNEX ION
ALL = [{"op": "gte", "field": "id", "value": 0}]


def world_settings(sandbox: SandboxServer) -> Settings:
    creds = DEMO_CREDENTIALS.autotask
    distributors = distributor_settings(sandbox)
    return Settings(
        ledger="unused.db",
        autotask=AutotaskConfig(
            base_url=f"{sandbox.base_url}/autotask/atservicesrest",
            username=creds.username,
            integration_code=creds.integration_code,
            timeout_s=5.0,
        ),
        ingram=distributors.ingram,
        tdsynnex=distributors.tdsynnex,
        sync=SyncConfig(backoff_base_s=30.0),
    )


@dataclass
class AutotaskReader:
    """Autotask as the sandbox holds it, read through its own REST query endpoints."""

    sandbox: SandboxServer

    def autotask(self) -> httpx.Client:
        return httpx.Client(
            base_url=f"{self.sandbox.base_url}{AUTOTASK_ROOT}",
            headers=autotask_headers(),
            timeout=10,
        )

    def query(self, entity: str, *conditions: dict[str, Any]) -> list[dict[str, Any]]:
        with self.autotask() as http:
            response = http.post(f"/{entity}/query", json={"filter": list(conditions) or ALL})
            assert response.status_code == 200, response.text
            return list(response.json()["items"])

    def labels(self, entity: str, field: str = "status") -> dict[int, str]:
        with self.autotask() as http:
            fields = http.get(f"/{entity}/entityInformation/fields").json()["fields"]
        found = next(f for f in fields if f["name"] == field)
        return {int(p["value"]): p["label"] for p in found["picklistValues"]}

    def purchase_orders_for(self, external: str) -> list[dict[str, Any]]:
        return self.query(
            "PurchaseOrders", {"op": "eq", "field": "externalPONumber", "value": external}
        )

    def items_of(self, po_id: int) -> list[dict[str, Any]]:
        return self.query("PurchaseOrderItems", {"op": "eq", "field": "orderID", "value": po_id})

    def receipts_of(self, item_id: int) -> list[dict[str, Any]]:
        return self.query(
            "PurchaseOrderItemReceiving",
            {"op": "eq", "field": "purchaseOrderItemID", "value": item_id},
        )

    def charge_label(self, charge_id: int) -> str:
        charge = self.query("TicketCharges", {"op": "eq", "field": "id", "value": charge_id})[0]
        return self.labels("TicketCharges")[int(charge["status"])]

    def cancel_purchase_order(self, po_id: int) -> None:
        """Someone cancels the PO in Autotask itself (receiving on it is refused after)."""
        statuses = {v: k for k, v in self.labels("PurchaseOrders").items()}
        with self.autotask() as http:
            http.patch(
                "/PurchaseOrders", json={"id": po_id, "status": statuses["Canceled"]}
            ).raise_for_status()

    def purchase_order_by_hand(self, charge_id: int, external: str, vendor_id: int) -> int:
        """A PO someone made in Autotask itself (New, one item for the charge); its id."""
        with self.autotask() as http:
            statuses = {v: k for k, v in self.labels("PurchaseOrders").items()}
            made = http.post(
                "/PurchaseOrders",
                json={
                    "vendorID": vendor_id,
                    "status": statuses["New"],
                    "shipToName": "Contoso Dental",
                    "shipToAddress1": "12 Harbour Road",
                    "externalPONumber": external,
                },
            )
            po_id = int(made.json()["itemId"])
            http.post(
                f"/PurchaseOrders/{po_id}/Items",
                json={
                    "chargeID": charge_id,
                    "inventoryLocationID": 1,
                    "quantity": 1,
                    "unitCost": 899,
                },
            ).raise_for_status()
        return po_id

    def fulfil_by_hand(self, charge_id: int, label: str = "Ready to Ship") -> None:
        """Someone moves the charge on in Autotask itself (the sandbox's control route)."""
        with httpx.Client(base_url=self.sandbox.base_url, timeout=10) as http:
            path = f"/_sandbox/autotask/charges/{charge_id}/status"
            http.put(path, json={"status": label}).raise_for_status()


@dataclass
class PoWorld(AutotaskReader):
    ledger: Ledger
    secrets: SecretStore
    time: SandboxTime
    ctx: Context
    po_loop: PurchaseOrderLoop
    actions: PurchaseOrderActions

    @classmethod
    def build(cls, ledger: Ledger, sandbox: SandboxServer, secrets: SecretStore) -> PoWorld:
        store_demo_secrets(secrets)
        secrets.set(demo_entry("autotask"), "secret", DEMO_CREDENTIALS.autotask.secret)
        time = SandboxTime(sandbox)
        ctx = Context(world_settings(sandbox), ledger, secrets, "po-test", clock=time.now)
        return cls(
            ledger=ledger,
            sandbox=sandbox,
            secrets=secrets,
            time=time,
            ctx=ctx,
            po_loop=ctx.purchase_order_loop("po-worker"),
            actions=ctx.purchase_order_actions(),
        )

    async def close(self) -> None:
        await self.po_loop.aclose()

    # ---- the story's steps ----------------------------------------------------------------

    async def quote(
        self,
        quote_id: str,
        items: Sequence[tuple[str, int]],
        ticket: int = TICKET,
        company: str = "Contoso Dental",
    ) -> list[int]:
        """An accepted quote for the ticket, its charges synced to Autotask and its lines
        queued at Ingram; the order ids."""
        async with self.ledger.write() as conn:
            await mapping_store.put(
                conn,
                category="Hardware",
                billing_code_id=HARDWARE_CODE,
                billing_code_name=None,
                actor="test",
                now=self.time.now(),
            )
            await conn.execute(
                quotes.insert().values(
                    id=quote_id,
                    title=f"Quote {quote_id}",
                    company_name=company,
                    ship_to=SHIP_TO,
                    ticket_id=ticket,
                    ticket_number=None,
                    status="accepted",
                    currency="USD",
                    content_hash=quote_id,
                    imported_at=T0,
                    updated_at=T0,
                )
            )
            for number, (product, quantity) in enumerate(items, start=1):
                await conn.execute(
                    quote_lines.insert().values(
                        quote_id=quote_id,
                        line_number=number,
                        sku=PARTS[product],
                        description=product,
                        category="Hardware",
                        distributor="tdsynnex" if product in CLOUD else "ingram",
                        distributor_part_number=PARTS[product],
                        quantity=Decimal(quantity),
                        unit_cost=COSTS[product],
                        unit_price=COSTS[product] * Decimal("1.2"),
                        product_id=demo_product_id(product),
                    )
                )
            stored = await quote_store.get(conn, quote_id)
            lines = await quote_store.lines_of(conn, quote_id)
            assert stored is not None
            for line in lines:
                await charge_store.create_pending(
                    conn, quote=stored, line=line, actor="import", now=self.time.now()
                )
            order_ids = await order_store.queue_quote_lines(
                conn, quote=stored, lines=lines, actor="import", now=self.time.now()
            )
        loop = self.ctx.charge_loop("charge-worker")
        try:
            await loop.run_once()
        finally:
            await loop.aclose()
        return order_ids

    async def procure(self, distributor: Distributor = Distributor.INGRAM) -> None:
        """One procurement cycle with every placed order due for a status poll."""
        async with self.ledger.write() as conn:
            ids = await order_work.ids_in_status(
                conn, ORDER_POLLABLE_STATES, distributor=distributor
            )
            for order_id in ids:
                await order_work.set_fields(conn, order_id, next_attempt_at=self.time.now())
        worker = ProcurementWorker(
            self.ledger,
            self.ctx.procurement_settings(),
            self._distributor_client,
            owner="procurement-worker",
            actor="worker",
            clock=self.time.now,
            distributors=[distributor],
        )
        try:
            await worker.run_cycle()
        finally:
            await worker.aclose()

    async def unmapped_order(self, reference: str) -> tuple[Order, Issue]:
        """A one-laptop order placed at Ingram Micro while Ingram is mapped to no Autotask
        vendor: no purchase order exists, and one "not mapped" issue is open."""
        [order_id] = await self.quote(reference, [(LAPTOP, 1)])
        await self.procure()
        await self.po_cycle()
        async with self.ledger.read() as conn:
            order = await order_store.get_order(conn, order_id)
            [issue] = await issues.list_open(conn, kind=IssueKind.VENDOR_NOT_MAPPED)
        assert order is not None
        assert order.distributor_order_id
        assert self.purchase_orders_for(order.distributor_order_id) == []
        return order, issue

    def _distributor_client(self, distributor: Distributor) -> DistributorClient:
        """Ingram on the sandbox's clock (production clients read the real one, which is
        the sandbox's too unless a test moves it); the others as the context builds them,
        on the same clock."""
        if distributor is not Distributor.INGRAM:
            return self.ctx.distributor_client(distributor)
        settings = IngramSettings.model_validate(
            self.ctx.settings.ingram.model_dump(exclude_none=True)
        )
        return IngramClient(settings, DEMO_CREDENTIALS.ingram.client_secret, clock=self.time.now)

    async def po_cycle(self) -> dict[str, int]:
        return await self.po_loop.run_once()

    async def days_pass(self, days: float) -> None:
        """Time moves on; the worker polls the distributor and does the Autotask work."""
        self.time.advance(timedelta(days=days))
        await self.procure()
        await self.po_cycle()

    async def placed_numbers(self, conn: AsyncConnection) -> list[str]:
        """The distributor order numbers of every placed order."""
        found: list[str] = []
        for order_id in await order_work.ids_in_status(conn, PLACED):
            order = await order_store.get_order(conn, order_id)
            if order is not None and order.distributor_order_id:
                found.append(order.distributor_order_id)
        return found
