"""One quote: its header and ship-to address, and every line with its charge and its order
side by side, with the keys of the existing charge and order actions.

Opened with `w` from a charge or an order (in its pane or its detail) and from the command
palette's quote picker. It reads again whenever an action finishes. Under the table, the line
under the cursor is spelt out: its whole description and, for a line procdesk does not order,
why it never enters the procurement queue. Below 100 columns the ship-to address folds into
one line of the header, so the lines keep the screen.
"""

from __future__ import annotations

from decimal import Decimal

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from procdesk.domain.enums import ChargeStatus, QuoteStatus
from procdesk.domain.remediation import explain_not_queued
from procdesk.domain.text import shown
from procdesk.services.dashboard.quote_view import QuoteView, QuoteViewLine, load_quote_view
from procdesk.services.display import (
    address_lines,
    amount,
    money,
    provider_name,
    quantity,
    ticket_text,
    words,
)
from procdesk.tui import confirmations
from procdesk.tui.desk import desk
from procdesk.tui.formatting import CHARGE_STATUS, ORDER_STATUS, status_text
from procdesk.tui.screens.detail import linked
from procdesk.wiring import Context

COLUMNS = (
    "#",
    "SKU",
    "Description",
    "Qty",
    "Amount",
    "Distributor",
    "Charge",
    "In Autotask",
    "Order",
    "At the distributor",
    "PO / delivery",
    "Tracking",
)


# Below 100 columns: the ship-to box folds into one header line and the table leads with
# what the screen is for (each line's charge and order); the rest scrolls in from the right.
NARROW_BELOW = 100
NARROW_COLUMNS = (
    "#",
    "SKU",
    "Amount",
    "Charge",
    "Order",
    "PO / delivery",
    "Tracking",
    "At the distributor",
    "In Autotask",
    "Distributor",
    "Qty",
    "Description",
)
DESCRIPTION_WIDTH = 34  # the rest is in the note under the table and the charge's detail


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def charge_cell(view: QuoteViewLine) -> str:
    charge = view.charge
    if charge is None:
        return "— none"
    return f"{status_text(CHARGE_STATUS, charge.status)} #{charge.id}"


def autotask_cell(view: QuoteViewLine) -> str:
    charge = view.charge
    if charge is None or charge.autotask_id is None:
        return "" if charge is None or charge.status is ChargeStatus.CANCELLED else "not yet"
    state = shown(charge.procurement_status or "")
    billed = ", billed" if charge.is_billed else ""
    return f"{charge.autotask_id} {state}{billed}".strip()


def order_cell(view: QuoteViewLine) -> str:
    if view.order is None:
        ordering = view.line.distributor.supports_ordering
        return "— not queued" if ordering else "— ordered outside procdesk"
    return f"{status_text(ORDER_STATUS, view.order.status)} #{view.order.id}"


def distributor_cell(view: QuoteViewLine) -> str:
    order, line = view.order, view.order_line
    if order is None:
        return ""
    parts = [shown(order.distributor_order_id or "")]
    if line is not None and line.status.value != order.status.value:
        parts.append(f"line {words(line.status)}")
    if line is not None and line.backorder_eta:
        parts.append(f"ETA {shown(line.backorder_eta)}")
    return " · ".join(p for p in parts if p)


def tracking_cell(view: QuoteViewLine) -> str | Text:
    """The line's first tracked package (a link to the carrier's page where the terminal
    supports OSC 8), and how many more there are; the note under the table lists them all."""
    delivery = view.delivery
    if delivery is None:
        return ""
    tracked = delivery.tracked
    if not tracked:
        if any(s.provisioned for s in delivery.shipments):
            return "provisioned"
        return "by hand" if any(s.manual for s in delivery.shipments) else ""
    first = tracked[0]
    text = Text(shown(f"{first.carrier or 'carrier ?'} {first.tracking_number}"))
    if first.tracking_url:
        text.stylize(Style(link=first.tracking_url, underline=True))
    if len(tracked) > 1:
        text.append(f" +{len(tracked) - 1}")
    return text


def shipment_lines(view: QuoteViewLine) -> list[str]:
    """Each package of the line in words, its tracking address in full."""
    delivery = view.delivery
    if delivery is None:
        return []
    out = []
    for s in delivery.shipments:
        if s.provisioned:
            out.append(f"  {s.quantity} provisioned on {s.delivered_on or '-'} (nothing ships)")
            continue
        source = "by hand" if s.manual else shown(s.carrier or "carrier ?")
        dates = f"shipped {s.shipped_on or '-'}, delivered {s.delivered_on or '-'}"
        tracking = f" {shown(s.tracking_number)}" if s.tracking_number else ""
        out.append(f"  {s.quantity} via {source}{tracking}, {dates}")
        if s.tracking_url:
            out.append(f"    {shown(s.tracking_url)}")
        if s.serial_numbers:
            out.append(f"    serials {shown(', '.join(s.serial_numbers))}")
    return out


def cells(view: QuoteViewLine) -> dict[str, str | Text]:
    """A line's cell under each column's name."""
    line = view.line
    return {
        "#": str(line.line_number),
        "SKU": shown(line.sku),
        "Description": clip(shown(line.description), DESCRIPTION_WIDTH),
        "Qty": quantity(line.quantity),
        "Amount": money(view.amount),
        "Distributor": provider_name(line.distributor),
        "Charge": charge_cell(view),
        "In Autotask": autotask_cell(view),
        "Order": order_cell(view),
        "At the distributor": distributor_cell(view),
        "PO / delivery": view.delivery.progress if view.delivery else "",
        "Tracking": tracking_cell(view),
    }


def line_note(view: QuoteViewLine) -> Text:
    """The line under the cursor in words: its description, why it is on no order, and its
    packages with their tracking links."""
    line = view.line
    note = f"Line {line.line_number} ({provider_name(line.distributor)}): {shown(line.description)}"
    if view.order is None and not line.distributor.supports_ordering:
        note += f"\n{provider_name(line.distributor)} — {explain_not_queued(line.distributor)}"
    if view.delivery is not None and view.delivery.shipments:
        note += "\n" + "\n".join(shipment_lines(view))
    return linked(note)


def ship_to_line(view: QuoteView) -> str:
    return "Ship to   " + ", ".join(shown(line) for line in address_lines(view.quote.ship_to))


def header_text(view: QuoteView) -> str:
    quote = view.quote
    total = sum((v.amount for v in view.lines), Decimal(0))
    status = words(quote.status)
    if quote.status is not QuoteStatus.ACCEPTED:
        status = f"⚠ {status}: its charges are cancelled and nothing new is ordered"
    lines = [
        f"Quote {shown(quote.id)} — {shown(quote.title)}",
        f"Company   {shown(quote.company_name)}",
        f"Ticket    {ticket_text(quote.ticket_number, quote.ticket_id)}",
        f"Status    {status}",
        f"Total     {amount(total, quote.currency)} over {len(view.lines)} lines",
    ]
    if view.purchase_orders:
        lines.append(f"PO        {po_text(view)}")
    return "\n".join(lines)


def po_text(view: QuoteView) -> str:
    """The quote's Autotask purchase orders: '61001 Received Partial' (with the distributor
    when the quote's lines went to more than one)."""
    several = len(view.purchase_orders) > 1
    return " · ".join(
        f"{po.po_number}{' ' + provider_name(po.distributor) if several else ''}: {po.status}"
        for po in view.purchase_orders
    )


class QuoteScreen(Screen[None]):
    DEFAULT_CSS = """
    QuoteScreen #quote-header { height: auto; }
    QuoteScreen #quote-facts { width: 2fr; padding: 0 1; height: auto; }
    QuoteScreen #quote-ship-to {
        width: 1fr; height: auto; padding: 0 1; border: round $secondary;
        border-title-color: $text;
    }
    QuoteScreen #quote-lines { height: 1fr; border: round $primary; }
    QuoteScreen #quote-note { height: auto; padding: 0 1; color: $text-muted; }
    QuoteScreen #quote-ship-to-line { display: none; padding: 0 1; height: 1; }
    QuoteScreen.-narrow #quote-ship-to { display: none; }
    QuoteScreen.-narrow #quote-ship-to-line { display: block; }
    QuoteScreen #quote-empty { padding: 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "close", "Back", id="quote.close"),
        Binding("enter", "charge_detail", "Charge detail", id="quote.charge_detail"),
        Binding("o", "order_detail", "Order detail", id="quote.order_detail"),
        Binding("r", "retry_charge", "Retry charge", id="quote.retry_charge"),
        Binding("x", "cancel_charge", "Cancel charge", id="quote.cancel_charge"),
        Binding("n", "reorder", "Re-order", id="quote.reorder"),
        Binding("a", "approve", "Approve order", id="quote.approve"),
        Binding("u", "submit", "Submit order", id="quote.submit"),
        Binding("v", "availability", "Availability", id="quote.availability"),
        Binding("R", "retry_order", "Retry order", show=False, id="quote.retry_order"),
        Binding("X", "cancel_order", "Cancel order", show=False, id="quote.cancel_order"),
    ]

    def __init__(self, context: Context, quote_id: str) -> None:
        super().__init__()
        self.context = context
        self.quote_id = quote_id
        self.view: QuoteView | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="quote-header"):
            yield Static("", id="quote-facts", markup=False)
            yield Static("", id="quote-ship-to", markup=False)
        yield Static("", id="quote-ship-to-line", markup=False)
        table: DataTable[str | Text] = DataTable(
            id="quote-lines", cursor_type="row", zebra_stripes=True
        )
        table.border_title = "Lines — charge and order side by side"
        yield table
        yield Static("", id="quote-note", markup=False)
        yield Footer()

    @property
    def narrow(self) -> bool:
        return self.size.width < NARROW_BELOW

    async def on_resize(self) -> None:
        if self.narrow != self.has_class("-narrow"):
            self.set_class(self.narrow, "-narrow")
            if self.view is not None:
                await self.reload()  # the columns follow

    @property
    def columns(self) -> tuple[str, ...]:
        return NARROW_COLUMNS if self.has_class("-narrow") else COLUMNS

    async def on_mount(self) -> None:
        self.set_class(self.narrow, "-narrow")
        self.query_one(DataTable).focus()
        await self.reload()

    async def reload(self) -> None:
        """Read the quote again and show it, keeping the cursor on the same line."""
        view = await load_quote_view(self.context.ledger, self.quote_id)
        if view is None:
            self.query_one("#quote-facts", Static).update(f"Quote {self.quote_id} is gone.")
            return
        self.view = view
        self.query_one("#quote-facts", Static).update(header_text(view))
        ship_to = self.query_one("#quote-ship-to", Static)
        ship_to.border_title = "Ship to"
        ship_to.update("\n".join(shown(line) for line in address_lines(view.quote.ship_to)))
        self.query_one("#quote-ship-to-line", Static).update(ship_to_line(view))
        table = self.query_one(DataTable)
        row = table.cursor_row
        columns = self.columns
        if tuple(str(c.label) for c in table.ordered_columns) != columns:
            table.clear(columns=True)
            table.add_columns(*columns)
        table.clear()
        for line in view.lines:
            by_name = cells(line)
            table.add_row(*(by_name[name] for name in columns), key=str(line.line.id))
        if view.lines:
            table.move_cursor(row=min(row, len(view.lines) - 1))
        self._show_note()

    def _show_note(self) -> None:
        line = self._line()
        self.query_one("#quote-note", Static).update("" if line is None else line_note(line))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_note()

    # -- the line under the cursor ---------------------------------------------------
    def _line(self) -> QuoteViewLine | None:
        if self.view is None or not self.view.lines:
            return None
        row = self.query_one(DataTable).cursor_row
        return self.view.lines[min(max(row, 0), len(self.view.lines) - 1)]

    def _charge_id(self) -> int | None:
        line = self._line()
        if line is None or line.charge is None:
            self.notify("This line has no charge.", severity="warning")
            return None
        return line.charge.id

    def _order_id(self) -> int | None:
        line = self._line()
        if line is None or line.order is None:
            why = "This line is on no order."
            if line is not None and not line.line.distributor.supports_ordering:
                why = explain_not_queued(line.line.distributor)
            self.notify(why, severity="warning")
            return None
        return line.order.id

    # -- keys ------------------------------------------------------------------------
    def action_close(self) -> None:
        self.dismiss()

    def action_charge_detail(self) -> None:
        if (charge_id := self._charge_id()) is not None:
            desk(self).open_detail("charges", charge_id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_charge_detail()

    def action_order_detail(self) -> None:
        if (order_id := self._order_id()) is not None:
            desk(self).open_detail("orders", order_id)

    def action_retry_charge(self) -> None:
        if (charge_id := self._charge_id()) is not None:
            desk(self).start_action("retry", confirmations.ask_retry_charges(self, [charge_id]))

    def action_cancel_charge(self) -> None:
        if (charge_id := self._charge_id()) is not None:
            desk(self).start_action("cancel", confirmations.ask_cancel_charges(self, [charge_id]))

    def action_reorder(self) -> None:
        if (charge_id := self._charge_id()) is not None:
            desk(self).start_action("re-order", confirmations.ask_reorder(self, [charge_id]))

    def action_approve(self) -> None:
        if (order_id := self._order_id()) is not None:
            desk(self).start_action("approve", confirmations.ask_approval(self, [order_id]))

    def action_submit(self) -> None:
        if (order_id := self._order_id()) is not None:
            desk(self).start_action("submit", confirmations.ask_submit(self, [order_id]))

    def action_retry_order(self) -> None:
        if (order_id := self._order_id()) is not None:
            desk(self).start_action("retry", confirmations.ask_retry_orders(self, [order_id]))

    def action_cancel_order(self) -> None:
        if (order_id := self._order_id()) is not None:
            desk(self).start_action("cancel", confirmations.ask_cancel_orders(self, [order_id]))

    def action_availability(self) -> None:
        if (order_id := self._order_id()) is not None:
            desk(self).open_availability(order_id)
