"""Category billing codes: each product category, its Autotask billing code, checked live.

Every mapped code is checked with Autotask when the screen opens (exists, active, Material
Cost Code, not RMA: `MappingService.check_codes`), and a bad or missing code is marked on
its row, beside the number of charges waiting on that category. The picker offers only
what a charge may carry. Saving checks the code again (`MappingService.plan`), lists the
synced charges the change invalidates and cancels them only after a yes (kept and flagged
after a no), then offers to retry at once the charges that failed on the old code,
through the charge actions, and to run a sync cycle when workers run in-process.
Autotask being down or refusing is shown here, never as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Footer, Select, Static

from procdesk.domain.billing_codes import BillingCodeInfo
from procdesk.domain.enums import Provider
from procdesk.services.mappings.billing_codes import (
    AutotaskUnreachableError,
    CodeCheck,
    MappingPlan,
    MappingService,
)
from procdesk.services.mappings.categories import (
    CategoryRow,
    category_rows,
    code_label,
    invalidated_lines,
    outcome_lines,
    retry_question,
)
from procdesk.services.mappings.validity import CodeValidity
from procdesk.tui import actions_charges
from procdesk.tui.desk import desk
from procdesk.tui.messages import WorkFailed
from procdesk.tui.screens.admin_frame import AdminScreen
from procdesk.tui.screens.confirm import ConfirmScreen
from procdesk.tui.widgets.mapping_invalidated import InvalidatedChargesDialog
from procdesk.tui.widgets.mapping_reauth_commands import ScreenCommands, key_of
from procdesk.wiring import Context

NEXT_STEP = {"reauth": "to re-authenticate Autotask", "reload_codes": "to try again"}


class MappingScreen(AdminScreen):
    DEFAULT_CSS = """
    MappingScreen #mapping-summary { height: 1; padding: 0 1; }
    MappingScreen > .mapping--bad { color: $error; text-style: bold; }
    MappingScreen #editor:focus-within { border: round $primary; }
    MappingScreen #editing { height: auto; margin-bottom: 1; }
    MappingScreen #code { margin-bottom: 1; }
    MappingScreen #mapping-message { margin-top: 1; }
    """
    MESSAGE_ID = "mapping-message"
    COMPONENT_CLASSES = {"mapping--bad"}
    COMMANDS = {ScreenCommands}
    PALETTE_TITLE = "Category billing codes"
    BINDINGS = [
        Binding("escape", "close", "Back", id="mappings.close"),
        Binding("ctrl+s", "save", "Save", id="mappings.save"),
        Binding("ctrl+r", "reload_codes", "Reload codes", id="mappings.reload"),
        Binding("ctrl+a", "reauth", "Re-auth Autotask", id="mappings.reauth"),
    ]

    @dataclass
    class CodesLoaded(Message):
        codes: list[BillingCodeInfo]
        checks: dict[int, CodeCheck]

    @dataclass
    class Retried(Message):
        text: str

    @dataclass
    class Planned(Message):
        plan: MappingPlan

    @dataclass
    class Saved(Message):
        plan: MappingPlan
        outcome: dict[str, list[int]]

    @dataclass
    class Failed(Message):
        text: str
        next_action: str | None = None  # the screen action that helps, named in the text

    def __init__(self, context: Context, *, category: str | None = None) -> None:
        super().__init__()
        self.context = context
        self.wanted = category
        self.rows: list[CategoryRow] = []
        self.codes: list[BillingCodeInfo] = []
        self.validity = CodeValidity()  # each mapped code as Autotask answered
        self.busy = False

    @property
    def service(self) -> MappingService:
        return self.context.mappings()

    def compose(self) -> ComposeResult:
        yield Static(
            "Category billing codes: each product category → its Autotask billing code, "
            "checked live",
            id="mapping-title",
            classes="admin-title",
        )
        yield Static(id="mapping-summary", markup=False)
        with Horizontal(id="mapping-body", classes="admin-body"):
            table: DataTable[str] = DataTable(
                id="categories", cursor_type="row", classes="admin-list"
            )
            table.border_title = "Categories"
            yield table
            with Vertical(id="editor", classes="admin-panel") as editor:
                editor.border_title = "Billing code"
                yield Static(id="editing", markup=False)
                yield Select[int]([], prompt="loading billing codes from Autotask…", id="code")
                yield Button("Save", id="save", variant="primary")
                yield Static(id="mapping-message", classes="admin-message", markup=False)
        yield Footer()

    async def on_mount(self) -> None:
        table = self.query_one("#categories", DataTable)
        table.add_columns("Category", "Autotask check", "Code", "Name", "Waiting", "Set by")
        self.query_one("#save", Button).label = f"Save ({key_of(self, 'save')})"
        await self.reload_rows()
        table.focus()
        self.load_codes()

    # -- categories --------------------------------------------------------------------
    async def reload_rows(self) -> None:
        current = self.category if self.rows else self.wanted
        self.rows = await category_rows(self.context.ledger)
        if self.wanted and all(r.category != self.wanted for r in self.rows):
            self.rows.append(CategoryRow(category=self.wanted))
        self.render_rows(current)

    def render_rows(self, current: str | None) -> None:
        """Fill the table from `rows` and put the cursor back on category `current`."""
        table = self.query_one("#categories", DataTable)
        table.clear()
        marking = self.get_component_rich_style("mapping--bad")
        bad = Style(color=marking.color, bold=True)  # the row's own background stays
        validity = self.validity
        for row in self.rows:
            code = row.billing_code_id
            status = validity.status(code)
            marked = validity.is_bad(code)
            table.add_row(
                Text(row.category, style=bad) if marked else row.category,
                Text(status, style=bad) if marked else status,
                "" if code is None else str(code),
                validity.code_name(row),
                str(row.waiting),
                row.updated_by or "",
                key=row.category,
            )
        if current is not None:
            self.select_category(current)
        self.show_category()
        self.query_one("#mapping-summary", Static).update(self.validity.summary(self.rows))

    def select_category(self, category: str) -> None:
        table = self.query_one("#categories", DataTable)
        for index, row in enumerate(self.rows):
            if row.category == category:
                table.move_cursor(row=index)

    @property
    def category(self) -> str | None:
        table = self.query_one("#categories", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row].category

    def current_row(self) -> CategoryRow | None:
        return next((r for r in self.rows if r.category == self.category), None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_category()

    def show_category(self) -> None:
        row = self.current_row()
        editing = self.query_one("#editing", Static)
        if row is None:
            editing.update("No categories yet: import quotes first.")
            return
        editing.update("\n".join(self.validity.detail(row)))
        select = self.query_one("#code", Select)
        if row.billing_code_id is not None and any(c.id == row.billing_code_id for c in self.codes):
            select.value = row.billing_code_id

    # -- Autotask ----------------------------------------------------------------------
    @work(exclusive=True, group="mapping-codes", exit_on_error=False)
    async def load_codes(self) -> None:
        mapped = [r.billing_code_id for r in self.rows if r.billing_code_id is not None]
        try:
            codes = await self.service.usable_codes()
            checks = await self.service.check_codes(mapped)
        except AutotaskUnreachableError as exc:
            self.post_message(self.autotask_failed(exc))
            return
        except Exception as exc:  # becomes an issue, never a traceback
            self.internal_error("loading billing codes", exc)
            return
        self.post_message(self.CodesLoaded(codes, checks))

    def on_mapping_screen_codes_loaded(self, message: CodesLoaded) -> None:
        self.codes = message.codes
        self.validity.answered(message.checks)
        select = self.query_one("#code", Select)
        select.set_options((f"{c.name} ({c.id})", c.id) for c in message.codes)
        select.prompt = (
            "choose a Material Cost Code" if message.codes else "Autotask has no usable code"
        )
        self.render_rows(self.category)

    # -- saving ------------------------------------------------------------------------
    def action_save(self) -> None:
        category = self.category
        code = self.query_one("#code", Select).value
        if category is None:
            self.say("Choose a category first.", error=True)
            return
        if not isinstance(code, int):
            self.say("Choose a billing code first.", error=True)
            return
        if self.busy:
            return
        self.busy = True
        self.say(f"Checking billing code {code} with Autotask…")
        self.plan_mapping(category, code)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            event.stop()
            self.action_save()

    @work(exclusive=True, group="mapping-save", exit_on_error=False)
    async def plan_mapping(self, category: str, code: int) -> None:
        try:
            plan = await self.service.plan(category, code)
        except AutotaskUnreachableError as exc:
            self.post_message(self.autotask_failed(exc))
            return
        except Exception as exc:  # becomes an issue, never a traceback
            self.internal_error("checking a billing code", exc)
            return
        self.post_message(self.Planned(plan))

    def on_mapping_screen_planned(self, message: Planned) -> None:
        plan = message.plan
        if not plan.check.ok:
            self.busy = False
            self.say(
                f"Not saved: Autotask would not take it: {'; '.join(plan.check.problems)}",
                error=True,
            )
            return
        if not plan.invalidated:
            self.apply_mapping(plan, cancel=False)
            return

        def answered(cancel: bool | None) -> None:
            if cancel is None:
                self.busy = False
                self.say("Not saved: nothing changed.")
                return
            self.apply_mapping(plan, cancel=cancel)

        dialog = InvalidatedChargesDialog(plan.category, code_label(plan), invalidated_lines(plan))
        self.app.push_screen(dialog, answered)

    @work(exclusive=True, group="mapping-save", exit_on_error=False)
    async def apply_mapping(self, plan: MappingPlan, *, cancel: bool) -> None:
        try:  # retrying the affected charges is offered once the mapping is saved
            outcome = await self.service.apply(plan, cancel_invalidated=cancel, retry_errors=False)
        except ValueError as exc:
            self.post_message(self.Failed(f"Not saved: {exc}"))
            return
        except Exception as exc:  # becomes an issue, never a traceback
            self.internal_error("saving a mapping", exc)
            return
        self.post_message(self.Saved(plan, outcome))

    async def on_mapping_screen_saved(self, message: Saved) -> None:
        self.busy = False
        plan = message.plan
        lines = [f"Saved: {plan.category} → {code_label(plan)}", *outcome_lines(message.outcome)]
        self.say("\n".join(lines), ok=True)
        self.validity.checks[plan.check.billing_code_id] = plan.check
        await self.reload_rows()
        self.app.notify(f"{plan.category} now uses billing code {code_label(plan)}")
        if plan.affected:
            self.offer_retry(plan)

    # -- retrying what the old code held up --------------------------------------------
    def offer_retry(self, plan: MappingPlan) -> None:
        ids = [c.id for c in plan.affected]
        title, body = retry_question(plan)

        def answered(reply: str | None) -> None:
            if reply is None:
                self.say(
                    f"Saved; {len(ids)} charge(s) still wait in error: retry them from the "
                    "charges pane when you are ready."
                )
                return
            self.say(f"Retrying {len(ids)} charge(s)…")
            self.retry_affected(ids)

        self.app.push_screen(
            ConfirmScreen(title, body, confirm_label="Retry now", ask_reason=False), answered
        )

    @work(exclusive=True, group="mapping-retry", exit_on_error=False)
    async def retry_affected(self, ids: list[int]) -> None:
        try:
            outcome = await actions_charges.retry(self.context, ids)
        except Exception as exc:  # becomes an issue, never a traceback
            self.internal_error("retrying charges", exc)
            return
        text = outcome.text
        sync_now = desk(self).options.sync_now
        if sync_now is not None and outcome.severity == "information":
            try:
                await sync_now()
            except Exception as exc:  # the workers stopped: the charges wait for them
                text += f"; no sync now ({exc}): they go out on the worker's next cycle"
            else:
                text += "; sync cycle done"
        self.post_message(self.Retried(text))

    async def on_mapping_screen_retried(self, message: Retried) -> None:
        await self.reload_rows()
        self.say(message.text, ok=True)

    def on_mapping_screen_failed(self, message: Failed) -> None:
        self.busy = False
        if self.validity.checking:  # the codes could not be checked: say so on each row
            self.validity.checking = False
            self.render_rows(self.category)
        text = message.text
        if message.next_action is not None:
            key = key_of(self, message.next_action)
            text += f" Press {key} {NEXT_STEP[message.next_action]}."
        self.say(text, error=True)

    def autotask_failed(self, exc: AutotaskUnreachableError) -> Failed:
        return self.Failed(str(exc), next_action="reauth" if exc.reauth_helps else "reload_codes")

    def internal_error(self, where: str, exc: Exception) -> None:
        self.post_message(WorkFailed(f"mappings: {where}", exc))
        self.post_message(self.Failed(f"Unexpected failure {where}."))

    # -- other actions -----------------------------------------------------------------
    def action_reload_codes(self) -> None:
        self.say("Reloading billing codes from Autotask…")
        self.validity.checking = True
        self.load_codes()

    def action_reauth(self) -> None:
        from procdesk.tui.screens.reauth import ReauthScreen

        def done(ok: bool | None) -> None:
            if ok:
                self.action_reload_codes()

        self.app.push_screen(ReauthScreen(self.context, provider=Provider.AUTOTASK), done)

    def action_close(self) -> None:
        self.dismiss(None)
