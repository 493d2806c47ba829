"""Done when: the example quotes flow to orders at both distributors, and every procurement
failure they contain shows up as the right issue."""

from __future__ import annotations

from pathlib import Path

from procdesk.domain.enums import Distributor, IssueKind, OrderStatus
from procdesk.services.procurement.actions import ProcurementActions
from procdesk.services.quotes.importer import QuoteImporter
from procdesk.store import order_work
from procdesk.store import orders as order_store
from tests.support.procurement import Procurement

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "quotes.json"


async def test_example_quotes_become_orders_at_both_distributors(
    procurement: Procurement,
) -> None:
    importer = QuoteImporter(procurement.ledger, actor="import", clock=procurement.time.now)
    await importer.import_file(EXAMPLES)
    await procurement.cycle()
    async with procurement.ledger.read() as conn:
        waiting = await order_work.ids_in_status(conn, [OrderStatus.AWAITING_APPROVAL])
    assert waiting  # the big server quote is above the approval threshold
    actions = ProcurementActions(
        procurement.ledger, procurement.settings, actor="maria", clock=procurement.time.now
    )
    assert all(result.ok for result in await actions.approve(waiting))
    await procurement.cycle(2)

    async with procurement.ledger.read() as conn:
        placed = await order_work.ids_in_status(
            conn, [OrderStatus.ORDERED, OrderStatus.BACKORDERED, OrderStatus.DELIVERED]
        )
        found = [await order_store.get_order(conn, i) for i in placed]
    distributors = {order.distributor for order in found if order is not None}
    assert distributors == {Distributor.INGRAM, Distributor.TDSYNNEX, Distributor.TDSYNNEX_XML}
    assert procurement.distributor_orders("ingram")
    assert procurement.distributor_orders("tdsynnex")  # cloud through ION
    assert procurement.distributor_orders("tdsynnex_xml")  # hardware through XML
    kinds = {issue.kind for issue in await procurement.open_issues()}
    assert IssueKind.PRODUCT_UNAVAILABLE in kinds  # a discontinued / sold-out part was quoted
    references = [o["customerOrderNumber"] for o in procurement.distributor_orders("ingram")]
    assert len(references) == len(set(references))  # nothing placed twice
