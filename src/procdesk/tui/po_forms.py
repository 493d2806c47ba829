"""Opening the order detail's forms on its Autotask side (receive by hand, link an existing
purchase order): each reads the order's Autotask view first and says plainly when the form
has nothing to act on."""

from __future__ import annotations

from textual.dom import DOMNode

from procdesk.services.purchase_orders.errors import PoActionError
from procdesk.services.purchase_orders.manual import receivable_lines
from procdesk.tui.desk import desk
from procdesk.tui.messages import Outcome


async def open_receive(screen: DOMNode, order_id: int) -> Outcome:
    from procdesk.tui.screens.receive import ReceiveScreen

    try:
        view = await desk(screen).context.purchase_order_actions().receiving_view(order_id)
    except PoActionError as exc:
        return Outcome(str(exc), "warning")
    po = view.purchase_order
    if po is None or po.autotask_po_id is None:
        return Outcome(
            f"Order {order_id} has no Autotask purchase order yet: link one (l) or let "
            "procdesk create it first.",
            "warning",
        )
    if not receivable_lines(view):
        return Outcome(f"Every line of order {order_id} is received already.", "information")
    screen.app.push_screen(ReceiveScreen(view))
    return Outcome("")


async def open_link(screen: DOMNode, order_id: int) -> Outcome:
    from procdesk.tui.screens.link_po import LinkPoScreen

    try:
        view = await desk(screen).context.purchase_order_actions().view(order_id)
    except PoActionError as exc:
        return Outcome(str(exc), "warning")
    screen.app.push_screen(LinkPoScreen(view))
    return Outcome("")
