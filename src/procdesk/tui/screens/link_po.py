"""Link an order to a purchase order that already exists in Autotask (an order placed
outside procdesk, or bought by hand there), or leave one line out of Autotask.

Enter the PO's number or id and press Enter: the PO is read live and shown (vendor, status,
items, which of this order's charges it holds) before the Link button does anything. A line
whose charge was fulfilled by hand in Autotask can be skipped instead, after a question.
Dismisses with what was done (for the notification), or None when the person backs out."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from procdesk.services.purchase_orders.errors import PoActionError
from procdesk.services.purchase_orders.preview import PoPreview
from procdesk.services.purchase_orders.views import OrderPoView
from procdesk.tui.desk import desk
from procdesk.tui.messages import Outcome
from procdesk.tui.screens.dialog_frame import DialogScreen


class LinkPoScreen(DialogScreen[str]):
    DEFAULT_CSS = """
    LinkPoScreen > Vertical { width: 84; }
    LinkPoScreen #preview { height: auto; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "back_out", "Back", id="link_po.back")]

    def __init__(self, view: OrderPoView) -> None:
        super().__init__()
        self.view = view
        self.preview: PoPreview | None = None

    def compose(self) -> ComposeResult:
        po = self.view.purchase_order
        with Vertical():
            yield Label(f"Autotask purchase order of order {self.view.order_id}", classes="title")
            if po is not None and po.autotask_po_id is not None:
                now = f"Now on PO {po.po_number or po.autotask_po_id} (id {po.autotask_po_id})"
                yield Static(f"{now}; linking another one replaces it here.", markup=False)
            yield Label("Link an existing PO: its PO number or id, then Enter", classes="field")
            yield Input(placeholder="PO number or id", id="po")
            yield Static("", id="preview", markup=False)
            yield Static("", classes="problem", id="problem", markup=False)
            with Horizontal():
                yield Button("Back", id="back")
                yield Button("Look up", id="lookup")
                yield Button("Link", variant="warning", id="link", disabled=True)
            lines = [line for line in self.view.lines if not line.skipped]
            if lines:
                yield Label("Or leave a line out of Autotask (done there by hand)", classes="field")
                yield Select(
                    [(f"line {line.line_number}  {line.sku}", line.line_number) for line in lines],
                    value=lines[0].line_number,
                    allow_blank=False,
                    id="line",
                )
                with Horizontal():
                    yield Button("Skip line…", id="skip")

    def on_mount(self) -> None:
        self.query_one("#po", Input).focus()

    def _say(self, problem: str) -> None:
        self.query_one("#problem", Static).update(problem)

    @on(Input.Changed, "#po")
    def _typed(self) -> None:
        self.preview = None
        self.query_one("#preview", Static).update("")
        self.query_one("#link", Button).disabled = True
        self._say("")

    @on(Input.Submitted, "#po")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._look_up()

    def _look_up(self) -> None:
        typed = self.query_one("#po", Input).value
        desk(self).start_action("look up PO", self._read(typed), progress="Reading the PO")

    async def _read(self, typed: str) -> Outcome:
        actions = desk(self).context.purchase_order_actions()
        try:
            preview = await actions.preview_purchase_order(self.view.order_id, typed)
        except PoActionError as exc:
            self._say(str(exc))
            return Outcome("")
        if self.query_one("#po", Input).value != typed:
            return Outcome("")  # typed on meanwhile: this answer is for an older text
        self.preview = preview
        lines = preview.as_lines(len(self.view.lines))
        if preview.status == "New":
            lines.append(
                "Link adds this order's missing lines to the PO in Autotask and submits it; "
                "receipts then go to it."
            )
        else:
            lines.append("Link changes nothing in Autotask now; the order's receipts go to it.")
        self.query_one("#preview", Static).update("\n".join(lines))
        link = self.query_one("#link", Button)
        link.disabled = False
        link.focus()
        return Outcome("")

    async def _link(self, preview: PoPreview) -> Outcome:
        actions = desk(self).context.purchase_order_actions()
        try:
            await actions.link_purchase_order(self.view.order_id, preview.po_id)
        except PoActionError as exc:
            self._say(str(exc))
            return Outcome(f"Not linked: {exc}", "error")
        what = f"linked to Autotask PO {preview.po_number or preview.po_id}"
        self.dismiss(what)
        return Outcome(f"Order {self.view.order_id} {what}")

    def _ask_skip(self) -> None:
        from procdesk.tui.screens.confirm import ConfirmScreen

        value = self.query_one("#line", Select).value
        if not isinstance(value, int):
            return
        line_number = value

        def answered(reason: str | None) -> None:
            if reason is not None:
                desk(self).start_action("skip line", self._skip(line_number))

        body = (
            f"Line {line_number} of order {self.view.order_id} is left off the Autotask "
            "purchase order: procdesk adds no item for it and receives nothing for it there. "
            "The rest of the order goes on."
        )
        self.app.push_screen(
            ConfirmScreen("Skip the line?", body, confirm_label="Skip", ask_reason=False), answered
        )

    async def _skip(self, line_number: int) -> Outcome:
        actions = desk(self).context.purchase_order_actions()
        try:
            await actions.skip_line(self.view.order_id, line_number)
        except PoActionError as exc:
            self._say(str(exc))
            return Outcome(f"Not skipped: {exc}", "error")
        self.dismiss(f"line {line_number} skipped")
        return Outcome(f"Line {line_number} of order {self.view.order_id} left out of Autotask")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "lookup":
            self._look_up()
        elif event.button.id == "link" and self.preview is not None:
            desk(self).start_action("link PO", self._link(self.preview), progress="Linking")
        elif event.button.id == "skip":
            self._ask_skip()
        elif event.button.id == "back":
            self.dismiss(None)
