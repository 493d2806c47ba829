"""Vendor mapping: what purchase orders need in Autotask, checked live.

One row per ordering distributor (the Autotask vendor company its purchase orders name)
and one for the inventory location items are received into, each with Autotask's answer
now: exists, vendor type, active. On the right, what can be chosen: vendor companies
found by a part of their name, or the active inventory locations. Saving asks first
(purchase orders are written to Autotask with it) and uses the same checked path as
`procdesk mappings vendors set`; orders that waited on it go on.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Footer, Input, Static

from procdesk.domain.enums import Distributor
from procdesk.services.display import plural, provider_name
from procdesk.services.purchase_orders.errors import PoActionError
from procdesk.services.purchase_orders.vendor_setup import (
    ORDERING,
    SetupChoice,
    SetupView,
)
from procdesk.tui.fix_target import LOCATION_ROW
from procdesk.tui.messages import WorkFailed
from procdesk.tui.screens.admin_frame import AdminScreen
from procdesk.tui.screens.confirm import ConfirmScreen
from procdesk.tui.widgets.mapping_reauth_commands import ScreenCommands, key_of
from procdesk.wiring import Context


class VendorsScreen(AdminScreen):
    DEFAULT_CSS = """
    VendorsScreen #setup { width: 3fr; }
    VendorsScreen #choose { width: 2fr; }
    VendorsScreen #choose-help { height: auto; }
    VendorsScreen #search { margin: 1 0 0 0; }
    VendorsScreen #choices { height: 1fr; }
    """
    MESSAGE_ID = "vendors-result"
    COMMANDS = {ScreenCommands}
    PALETTE_TITLE = "Vendor mapping"
    BINDINGS = [
        Binding("escape", "close", "Back", id="vendors.close"),
        Binding("ctrl+s", "save", "Save", id="vendors.save"),
        Binding("ctrl+r", "recheck", "Check again", id="vendors.recheck"),
    ]

    class Loaded(Message):
        def __init__(self, view: SetupView) -> None:
            super().__init__()
            self.view = view

    class Choices(Message):
        def __init__(self, row: str, choices: list[SetupChoice]) -> None:
            super().__init__()
            self.row = row
            self.choices = choices

    class Said(Message):
        def __init__(self, text: str, *, error: bool, reload: bool = False) -> None:
            super().__init__()
            self.text = text
            self.error = error
            self.reload = reload

    def __init__(self, context: Context, *, row: str | None = None) -> None:
        super().__init__()
        self.context = context
        self.wanted = row  # a distributor's value or LOCATION_ROW
        self.view: SetupView | None = None
        self.choices: list[SetupChoice] = []
        self.choices_for: str | None = None
        self.busy = False
        self.note: tuple[str, bool] | None = None  # (text, is an error) of the last save

    def compose(self) -> ComposeResult:
        yield Static(
            "Vendor mapping: the Autotask vendor of each distributor's purchase orders, "
            "and where their items are received — checked live in Autotask",
            id="vendors-title",
            classes="admin-title",
        )
        with Horizontal(id="vendors-body", classes="admin-body"):
            setup: DataTable[str] = DataTable(id="setup", cursor_type="row", classes="admin-list")
            setup.border_title = "Purchase orders need"
            yield setup
            with Vertical(id="choose", classes="admin-panel") as panel:
                panel.border_title = "Choose"
                yield Static(id="choose-help", markup=False)
                yield Input(placeholder="part of the company name, Enter searches", id="search")
                choices: DataTable[str] = DataTable(id="choices", cursor_type="row")
                yield choices
                yield Static(
                    "Checking with Autotask…",
                    id="vendors-result",
                    classes="admin-message",
                    markup=False,
                )
                with Horizontal(id="vendors-actions", classes="admin-actions"):
                    yield Button("Save", id="save", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        setup = self.query_one("#setup", DataTable)
        setup.add_columns("For", "In Autotask", "Check")
        self.query_one("#choices", DataTable).add_columns("Name", "Number", "Id")
        self.query_one("#save", Button).label = f"Save ({key_of(self, 'save')})"
        self.load()
        setup.focus()

    # -- what is shown -----------------------------------------------------------------
    @property
    def row(self) -> str:
        keys = [d.value for d in ORDERING] + [LOCATION_ROW]
        cursor = self.query_one("#setup", DataTable).cursor_row
        return keys[cursor] if 0 <= cursor < len(keys) else keys[0]

    @property
    def distributor(self) -> Distributor | None:
        row = self.row
        return None if row == LOCATION_ROW else Distributor(row)

    def render_setup(self, view: SetupView) -> None:
        table = self.query_one("#setup", DataTable)
        cursor = table.cursor_row
        table.clear()
        for check in view.vendors:
            shown = "—"
            if check.company_id is not None:
                shown = f"{check.company_name or 'company'} ({check.company_id})"
            mark = "✓" if check.ok else "✗"
            table.add_row(
                provider_name(check.distributor),
                shown,
                f"{mark} {check.message}",
                key=check.distributor.value,
            )
        location = view.location
        place = "—"
        if location.location_id is not None:
            place = f"{location.location_name or 'location'} ({location.location_id})"
        mark = "✓" if location.ok else "✗"
        table.add_row("Inventory location", place, f"{mark} {location.message}", key=LOCATION_ROW)
        if self.wanted is not None:
            keys = [d.value for d in ORDERING] + [LOCATION_ROW]
            cursor = keys.index(self.wanted) if self.wanted in keys else 0
            self.wanted = None
        table.move_cursor(row=max(cursor, 0))

    def show_row(self) -> None:
        """The right-hand side for the highlighted row: search or the location list."""
        distributor = self.distributor
        search = self.query_one("#search", Input)
        panel = self.query_one("#choose", Vertical)
        if distributor is None:
            panel.border_title = "Inventory locations (active)"
            self.query_one("#choose-help", Static).update(
                "Choose the location purchase-order items are received into, then save."
            )
            search.display = False
        else:
            name = provider_name(distributor)
            panel.border_title = f"Vendor company for {name}"
            self.query_one("#choose-help", Static).update(
                f"Search Autotask's active vendor companies by name, choose {name}'s, then save."
            )
            search.display = True
        if self.choices_for != self.row:
            self.choices_for = self.row
            self.show_choices([])
            self.find_choices(self.row, search.value if distributor else "")

    def show_choices(self, choices: list[SetupChoice]) -> None:
        self.choices = choices
        table = self.query_one("#choices", DataTable)
        table.clear()
        for choice in choices:
            table.add_row(choice.name, choice.number, str(choice.record_id))

    # -- Autotask ----------------------------------------------------------------------
    def internal_error(self, where: str, exc: Exception) -> None:
        self.post_message(WorkFailed(f"vendor mapping: {where}", exc))
        self.post_message(self.Said(f"Unexpected failure {where}.", error=True))

    @work(exclusive=True, group="vendors-load", exit_on_error=False)
    async def load(self) -> None:
        try:
            view = await self.context.vendor_setup().overview()
        except PoActionError as exc:
            self.post_message(self.Said(f"Could not check: {exc}", error=True))
            return
        except Exception as exc:  # becomes an issue, never a traceback
            self.internal_error("checking the mapping", exc)
            return
        self.post_message(self.Loaded(view))

    def on_vendors_screen_loaded(self, message: Loaded) -> None:
        self.view = message.view
        self.render_setup(message.view)
        problems = sum(not c.ok for c in message.view.vendors) + (not message.view.location.ok)
        summary = "Everything purchase orders need is in place."
        if problems:
            summary = f"{plural(problems, 'problem')} to fix before purchase orders go out."
        note, self.note = self.note, None  # what the last save said stays in view
        if note is not None:
            self.say(f"{note[0]}\n{summary}", error=note[1], ok=not note[1])
        else:
            self.say(summary, ok=not problems)
        self.show_row()

    @work(exclusive=True, group="vendors-choices", exit_on_error=False)
    async def find_choices(self, row: str, text: str) -> None:
        setup = self.context.vendor_setup()
        try:
            if row == LOCATION_ROW:
                found = await setup.locations()
            else:
                found = await setup.search(text)
        except PoActionError as exc:
            self.post_message(self.Said(f"Could not search: {exc}", error=True))
            return
        except Exception as exc:  # becomes an issue, never a traceback
            self.internal_error("searching Autotask", exc)
            return
        self.post_message(self.Choices(row, found))

    def on_vendors_screen_choices(self, message: Choices) -> None:
        if message.row == self.row:
            self.show_choices(message.choices)
            if not message.choices:
                self.say("Autotask has nothing that matches.", error=True)

    def on_vendors_screen_said(self, message: Said) -> None:
        self.busy = False
        self.say(message.text, error=message.error, ok=not message.error)
        if message.reload:
            self.note = (message.text, message.error)
            self.load()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "setup":
            event.stop()
            if self.view is not None:
                self.show_row()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.data_table.id == "setup":
            target = "#search" if self.distributor is not None else "#choices"
            self.query_one(target).focus()
        else:
            self.action_save()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.find_choices(self.row, event.value)
        self.query_one("#choices", DataTable).focus()

    # -- saving ------------------------------------------------------------------------
    def action_save(self) -> None:
        if self.busy:
            return
        cursor = self.query_one("#choices", DataTable).cursor_row
        if not self.choices or not 0 <= cursor < len(self.choices):
            self.say("Choose a row in the list on the right first.", error=True)
            return
        self.ask(self.distributor, self.choices[cursor])

    @work(exclusive=True, group="vendors-save", exit_on_error=False)
    async def ask(self, distributor: Distributor | None, choice: SetupChoice) -> None:
        try:
            waiting = await self.context.vendor_setup().waiting(distributor)
        except Exception as exc:  # becomes an issue, never a traceback
            self.internal_error("counting the waiting orders", exc)
            return
        if distributor is None:
            title = f"Receive purchase-order items into {choice.name}?"
            body = (
                f"New purchase-order items in Autotask go to inventory location "
                f"{choice.name} ({choice.record_id}). It is written to the config file as "
                f"autotask.inventory_location_id, after Autotask confirms it is active."
            )
        else:
            name = provider_name(distributor)
            title = f"Map {name} to {choice.name}?"
            body = (
                f"Purchase orders procdesk writes to Autotask for {name} orders name vendor "
                f"company {choice.name} ({choice.record_id}). Autotask is asked again that it "
                "exists, is a vendor and is active before it is saved."
            )
        if waiting:
            body += (
                f"\nOrders waiting on it: {waiting:,}. Their purchase orders are created "
                "once it is saved."
            )

        def answered(reason: str | None) -> None:
            if reason is not None:
                self.busy = True
                self.say("Saving…")
                self.save(distributor, choice)

        self.app.push_screen(
            ConfirmScreen(title, body, confirm_label="Save", ask_reason=False), answered
        )

    @work(exclusive=True, group="vendors-save", exit_on_error=False)
    async def save(self, distributor: Distributor | None, choice: SetupChoice) -> None:
        ctx = self.context
        try:
            if distributor is None:
                setup = ctx.vendor_setup()
                ctx.settings = await setup.set_location(ctx.settings, choice.record_id)
                text = f"Saved: items are received into {choice.name}."
            else:
                found = await ctx.purchase_order_actions().set_vendor(distributor, choice.record_id)
                name = found.company_name or choice.name
                text = f"Saved: {provider_name(distributor)} is {name} in Autotask."
        except PoActionError as exc:
            self.post_message(self.Said(f"Not saved: {exc}", error=True, reload=True))
            return
        except Exception as exc:  # becomes an issue, never a traceback
            self.internal_error("saving", exc)
            return
        self.post_message(self.Said(text, error=False, reload=True))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    def action_recheck(self) -> None:
        self.say("Checking with Autotask…")
        self.load()

    def action_close(self) -> None:
        self.dismiss(None)
