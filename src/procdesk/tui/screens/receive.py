"""Receive by hand, from an order's detail: goods that came without distributor data (a local
supplier, a swap). Pick the line, enter the quantity and, for a serialised product, one
serial number per unit; the form checks as you type with the command line's rules, asks
before it writes to Autotask, then receives through the same exactly-once path as
`procdesk orders receive`. A refusal from Autotask shows under the form in Autotask's words
(and as an issue on the order); nothing stays half-written. Dismisses with what was received
(for the notification), or None when the person backs out."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from procdesk.services.display import plural
from procdesk.services.purchase_orders.errors import PoActionError
from procdesk.services.purchase_orders.manual import (
    open_units,
    receivable_lines,
    receiving_problem,
)
from procdesk.services.purchase_orders.views import LineProgress, OrderPoView
from procdesk.tui.desk import desk
from procdesk.tui.messages import Outcome
from procdesk.tui.screens.dialog_frame import DialogScreen


def serials_typed(text: str) -> list[str]:
    """One serial number per line of the text area; blank lines do not count."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _received(view: OrderPoView, line_number: int) -> int:
    return sum(p.received for p in view.lines if p.line_number == line_number)


def _line_label(line: LineProgress) -> str:
    return f"line {line.line_number}  {line.sku}  ({open_units(line)} of {line.quantity} open)"


class ReceiveScreen(DialogScreen[str]):
    DEFAULT_CSS = """
    ReceiveScreen > Vertical { width: 80; }
    ReceiveScreen TextArea { height: 6; }
    """
    BINDINGS = [Binding("escape", "back_out", "Back", id="receive.back")]

    def __init__(self, view: OrderPoView) -> None:
        super().__init__()
        self.view = view
        self.lines = receivable_lines(view)

    def compose(self) -> ComposeResult:
        po = self.view.purchase_order
        number = (po.po_number or str(po.autotask_po_id)) if po is not None else "?"
        with Vertical():
            yield Label(f"Receive by hand: order {self.view.order_id}", classes="title")
            yield Static(
                f"Goods that came without the distributor's data, received on "
                f"Autotask purchase order {number}.",
                markup=False,
            )
            yield Label("Line", classes="field")
            yield Select(
                [(_line_label(line), line.line_number) for line in self.lines],
                value=self.lines[0].line_number,
                allow_blank=False,
                id="line",
            )
            yield Label("Quantity that arrived", classes="field")
            yield Input(str(open_units(self.lines[0])), type="integer", id="quantity")
            yield Label(
                "Serial numbers, one per line (one per unit; none for a product without)",
                classes="field",
            )
            yield TextArea(id="serials", soft_wrap=False, show_line_numbers=True)
            yield Static("", classes="problem", id="problem", markup=False)
            yield Static("", classes="problem", id="refused", markup=False)
            with Horizontal():
                yield Button("Back", id="back")
                yield Button("Receive…", variant="warning", id="receive")

    def on_mount(self) -> None:
        self.query_one("#quantity", Input).focus()
        self._check()

    # -- what the person typed ----------------------------------------------------------
    @property
    def line_number(self) -> int:
        value = self.query_one("#line", Select).value
        return value if isinstance(value, int) else self.lines[0].line_number

    @property
    def quantity(self) -> int | None:
        text = self.query_one("#quantity", Input).value.strip()
        return int(text) if text.lstrip("-").isdigit() else None

    @property
    def serials(self) -> list[str]:
        return serials_typed(self.query_one("#serials", TextArea).text)

    def problem(self) -> str | None:
        """What is wrong with the form as it stands (the command line's rules)."""
        quantity = self.quantity
        if quantity is None:
            return "enter the quantity that arrived (a whole number)"
        return receiving_problem(self.view, self.line_number, quantity, self.serials)

    def _check(self) -> str | None:
        problem = self.problem()
        self.query_one("#problem", Static).update(problem or "")
        self.query_one("#receive", Button).disabled = problem is not None
        return problem

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _typed(self) -> None:
        self.query_one("#refused", Static).update("")
        self._check()

    # -- asking, then receiving -----------------------------------------------------------
    def _ask(self) -> None:
        if self._check() is not None:
            return
        from procdesk.tui.screens.confirm import ConfirmScreen

        quantity = self.quantity
        assert quantity is not None
        line_number, serials = self.line_number, self.serials
        line = next(p for p in self.lines if p.line_number == line_number)
        po = self.view.purchase_order
        number = (po.po_number or str(po.autotask_po_id)) if po is not None else "?"
        body = [
            f"Autotask purchase order {number}, line {line_number} ({line.sku}):",
            f"  {plural(quantity, 'unit')} received today",
        ]
        if serials:
            body.append(f"  one receipt per serial number: {', '.join(serials)}")
        else:
            body.append("  one receipt for the quantity")
        body += [
            "",
            "This changes the customer's records in Autotask (stock and the charge's "
            "procurement status); receipts cannot be changed there afterwards.",
        ]

        def answered(reason: str | None) -> None:
            if reason is not None:
                desk(self).start_action(
                    "receive", self._receive(line_number, quantity, serials), progress="Receiving"
                )

        self.app.push_screen(
            ConfirmScreen(
                "Receive in Autotask?", "\n".join(body), confirm_label="Receive", ask_reason=False
            ),
            answered,
        )

    async def _receive(self, line_number: int, quantity: int, serials: list[str]) -> Outcome:
        actions = desk(self).context.purchase_order_actions()
        before = _received(self.view, line_number)
        try:
            after = await actions.receive_by_hand(
                self.view.order_id, line_number, quantity, serials
            )
        except PoActionError as refused:
            self.query_one("#refused", Static).update(str(refused))
            return Outcome(f"Nothing received: {refused}", "error")
        what = f"{plural(quantity, 'unit')} of line {line_number}"
        self.dismiss(what)
        if _received(after, line_number) < before + quantity:
            return Outcome(
                f"Recorded {what} of order {self.view.order_id}; Autotask has not taken them "
                "yet (the workers send them as soon as it answers).",
                "warning",
            )
        return Outcome(f"Received {what} of order {self.view.order_id} in Autotask")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._ask()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "receive":
            self._ask()
        else:
            self.dismiss(None)
