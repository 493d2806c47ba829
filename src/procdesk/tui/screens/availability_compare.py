"""`v` on a hardware order: every distributor's price and stock for each line, side by side.

One row per (line, distributor): their part number, status (active, discontinued, not
found, out of stock), price and change since the quote, stock per warehouse, ETA. The row
of the distributor a line is on is marked `●`, the one the standing preference would take
`→`. Keys act on the highlighted row: `s` switches its line to that row's distributor,
`p` splits the line as proposed, `b` substitutes another part; each asks for a reason
first. A distributor that could not answer stays listed above the table with its error.
"""

from __future__ import annotations

from decimal import Decimal

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from procdesk.domain.enums import Distributor
from procdesk.services.dashboard.availability import AvailabilityError
from procdesk.services.procurement.comparison import (
    ComparisonError,
    LineComparison,
    OrderComparison,
    PartOffer,
)
from procdesk.services.procurement.line_moves import LineMoveRefused
from procdesk.tui.formatting import PROVIDER_NAME
from procdesk.tui.messages import WorkFailed
from procdesk.wiring import Context

# Warehouses last: the longest column, so the advice stays in view on a narrow screen.
COLUMNS = (
    "Line", "Mfr part", "Qty", "", "Distributor", "Their part", "Status", "Price",
    "Change", "In stock", "ETA", "Advice", "Warehouses",
)  # fmt: skip


def _cells(line: LineComparison, offer: PartOffer) -> tuple[str, ...]:
    mark = "●" if offer.distributor is line.current else ""
    if offer.distributor is line.proposed and line.proposed is not line.current:
        mark = "→"
    change = f"{offer.change_pct:+.1f}%" if offer.change_pct is not None else ""
    return (
        str(line.line_number),
        line.manufacturer_part,
        str(line.quantity),
        mark,
        PROVIDER_NAME.get(offer.distributor.value, offer.distributor.value),
        offer.part_number or "",
        offer.label,
        f"{offer.price:,.2f}" if offer.price is not None else "",
        change,
        str(offer.in_stock) if offer.orderable else "",
        offer.eta.isoformat() if offer.eta and offer.in_stock < line.quantity else "",
        line.advice if offer.distributor is _advised_on(line) else "",
        ", ".join(f"{w.warehouse}: {w.quantity}" for w in offer.warehouses if w.quantity),
    )


def _advised_on(line: LineComparison) -> Distributor | None:
    """The row that carries the line's advice: its own distributor's, or (when that one
    did not answer) the first row shown."""
    if line.offer_of(line.current) is not None:
        return line.current
    return line.offers[0].distributor if line.offers else None


class AvailabilityCompareScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    AvailabilityCompareScreen { align: center middle; }
    AvailabilityCompareScreen > Vertical {
        width: 96%; height: 90%; border: round $primary; background: $surface; padding: 0 1;
    }
    AvailabilityCompareScreen .title { text-style: bold; }
    AvailabilityCompareScreen #errors { color: $error; height: auto; }
    AvailabilityCompareScreen #state { color: $text-muted; height: auto; }
    AvailabilityCompareScreen DataTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("s", "switch", "Switch line here", id="compare.switch"),
        Binding("p", "split", "Split as proposed", id="compare.split"),
        Binding("b", "substitute", "Substitute part", id="compare.substitute"),
        Binding("r", "refresh", "Ask again", id="compare.refresh"),
        Binding("escape,q", "dismiss", "Close", id="compare.close"),
    ]

    def __init__(self, context: Context, order_id: int) -> None:
        super().__init__()
        self.context = context
        self.order_id = order_id
        self.result: OrderComparison | None = None
        self.comparison = context.comparison()  # kept open while the screen is: `r` is quick
        self._rows: list[tuple[LineComparison, PartOffer]] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                f"Price and stock across distributors — order {self.order_id}", classes="title"
            )
            yield Static("", id="errors", markup=False)
            yield Static("Asking every distributor …", id="state", markup=False)
            table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
            table.add_columns(*COLUMNS)
            yield table

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.load()

    async def on_unmount(self) -> None:
        await self.comparison.aclose()

    def unexpected(self, where: str, exc: Exception) -> None:
        """A failure that is not a distributor's answer (a lost ledger, a bug): the app
        says it in its header or records it as an issue; this screen stays open."""
        self.query_one("#state", Static).update(f"Unexpected failure {where}.")
        self.post_message(WorkFailed(f"price comparison: {where}", exc))

    @work(exclusive=True, group="compare", exit_on_error=False)
    async def load(self) -> None:
        try:
            result = await self.comparison.compare(self.order_id)
        except ComparisonError as exc:
            await self.show_single(str(exc))
            return
        except Exception as exc:
            self.unexpected("comparing prices", exc)
            return
        self.show(result)

    async def show_single(self, why: str) -> None:
        """Orders not compared (cloud subscriptions): the order's own distributor only."""
        try:
            report = await self.context.check_availability(self.order_id)
        except AvailabilityError as exc:
            self.query_one("#state", Static).update(f"{why}\n{exc}")
            return
        except Exception as exc:
            self.unexpected("checking availability", exc)
            return
        self.query_one("#state", Static).update(f"{why}\n\n{report.as_text()}")

    def show(self, result: OrderComparison) -> None:
        self.result = result
        table: DataTable[str] = self.query_one(DataTable)
        table.clear()
        self._rows = [(line, offer) for line in result.lines for offer in line.offers]
        for line, offer in self._rows:
            table.add_row(*_cells(line, offer))
        errors = [f"{PROVIDER_NAME.get(d.value, d.value)}: {e}" for d, e in result.errors.items()]
        self.query_one("#errors", Static).update("\n".join(errors))
        advised = sum(1 for line in result.lines if line.advice)
        self.query_one("#state", Static).update(
            f"{len(result.lines)} line(s) at {len(result.compared) - len(result.errors)} "
            f"distributor(s); {advised} with advice. ● on order  → preferred"
        )

    def _current(self) -> tuple[LineComparison, PartOffer] | None:
        table: DataTable[str] = self.query_one(DataTable)
        if not self._rows or table.cursor_row < 0 or table.cursor_row >= len(self._rows):
            self.notify("No row here.", severity="warning")
            return None
        return self._rows[table.cursor_row]

    def action_refresh(self) -> None:
        self.query_one("#state", Static).update("Asking every distributor …")
        self.load()

    def action_switch(self) -> None:
        if (picked := self._current()) is None:
            return
        line, offer = picked
        if offer.distributor is line.current:
            self.notify(f"Line {line.line_number} is already there.", severity="warning")
            return
        self._confirm_move(
            f"Move line {line.line_number} ({line.manufacturer_part} × {line.quantity}) to "
            f"{PROVIDER_NAME.get(offer.distributor.value)}? It joins that distributor's "
            "queued order for this quote (or a new one), whose approval is checked again.",
            line,
            offer.distributor,
            None,
        )

    def action_split(self) -> None:
        if (picked := self._current()) is None:
            return
        line, _ = picked
        away = [(d, n) for d, n in line.split if d is not line.current]
        if not away:
            self.notify("No split is proposed for this line.", severity="warning")
            return
        [(to, quantity)] = away[:1]
        plan = ", ".join(f"{n} at {d.value}" for d, n in line.split)
        self._confirm_move(
            f"Split line {line.line_number} ({line.manufacturer_part} × {line.quantity}): "
            f"{plan}. {quantity} move to {PROVIDER_NAME.get(to.value)}.",
            line,
            to,
            Decimal(quantity),
        )

    def _confirm_move(
        self, body: str, line: LineComparison, to: Distributor, quantity: Decimal | None
    ) -> None:
        from procdesk.tui.screens.confirm import ConfirmScreen

        def confirmed(reason: str | None) -> None:
            if reason is not None:
                self.move(line.order_line_id, to, reason, quantity)

        self.app.push_screen(
            ConfirmScreen("Switch distributor", body, confirm_label="Move"), confirmed
        )

    @work(exclusive=True, group="compare-move", exit_on_error=False)
    async def move(
        self, order_line_id: int, to: Distributor, reason: str, quantity: Decimal | None
    ) -> None:
        try:
            moved = await self.context.line_moves().switch(
                order_line_id, to, reason=reason, quantity=quantity
            )
        except LineMoveRefused as exc:
            self.notify(str(exc), title="Not moved", severity="error", markup=False)
            return
        except Exception as exc:
            self.unexpected("moving the line", exc)
            return
        self.notify(moved.message, title="Moved", markup=False)
        self.dismiss(None)

    def action_substitute(self) -> None:
        if (picked := self._current()) is None:
            return
        line, _ = picked
        from procdesk.tui.screens.substitute import SubstituteScreen

        def chosen(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                self.substitute(line.order_line_id, *answer)

        self.app.push_screen(SubstituteScreen(line.line_number, line.manufacturer_part), chosen)

    @work(exclusive=True, group="compare-move", exit_on_error=False)
    async def substitute(self, order_line_id: int, part: str, reason: str) -> None:
        try:
            done = await self.context.line_moves().substitute(order_line_id, part, reason=reason)
        except LineMoveRefused as exc:
            self.notify(str(exc), title="Not substituted", severity="error", markup=False)
            return
        except Exception as exc:
            self.unexpected("substituting the part", exc)
            return
        self.notify(done.message, title="Substituted", markup=False)
        self.action_refresh()
