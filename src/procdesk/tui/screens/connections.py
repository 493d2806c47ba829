"""Connections: Autotask and each distributor door, with where each one stands.

One row per provider: its state and token lifetime from the one health service (the same
words as the header, the issues pane, `auth status` and `doctor`), its non-secret settings
beside it, and two actions: Verify asks the provider now with the credentials procdesk
holds and shows the answer here, on the row's panel, until the next check (the answer is
recorded in the ledger, so the header agrees); Re-authenticate opens the re-authentication
screen. Secrets are never read for display: the panel says where they are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Footer, Static

from procdesk.domain.enums import Provider
from procdesk.domain.health import Condition, Level, ProviderHealth
from procdesk.services.auth.health import left_text, state_text
from procdesk.services.auth.reauth import REAUTH_FIELDS
from procdesk.services.auth.verify import VerifyResult
from procdesk.tui.desk import desk
from procdesk.tui.formatting import short_time
from procdesk.tui.messages import WorkFailed
from procdesk.tui.screens.admin_frame import AdminScreen
from procdesk.tui.screens.reauth import GUIDES, ReauthScreen
from procdesk.tui.widgets.header_bar import LEVEL_SYMBOL
from procdesk.tui.widgets.mapping_reauth_commands import ScreenCommands, key_of
from procdesk.wiring import Context

# The settings shown besides the re-authentication fields (labels from the guides).
EXTRA_LABELS = {"base_url": "Address", "sender_id": "Sender id"}
EXTRA_FIELDS: dict[Provider, tuple[str, ...]] = {Provider.INGRAM: ("sender_id",)}


def shown_fields(provider: Provider) -> tuple[str, ...]:
    return ("base_url", *REAUTH_FIELDS[provider], *EXTRA_FIELDS.get(provider, ()))


class ConnectionsScreen(AdminScreen):
    DEFAULT_CSS = """
    ConnectionsScreen #connection-state { height: auto; margin-bottom: 1; }
    ConnectionsScreen #connection-state.-fail { color: $error; }
    ConnectionsScreen #connection-state.-warn { color: $warning; }
    ConnectionsScreen #connection-fields { height: auto; }
    ConnectionsScreen #verify-result { margin-top: 1; }
    ConnectionsScreen #connection-actions { margin-top: 1; }
    """
    MESSAGE_ID = "verify-result"
    COMMANDS = {ScreenCommands}
    PALETTE_TITLE = "Connections"
    BINDINGS = [
        Binding("escape", "close", "Back", id="connections.close"),
        Binding("v", "verify", "Verify", id="connections.verify"),
        Binding("r", "reauth", "Re-authenticate", id="connections.reauth"),
    ]

    @dataclass
    class Verified(Message):
        result: VerifyResult

    def __init__(self, context: Context, *, provider: Provider | None = None) -> None:
        super().__init__()
        self.context = context
        self.wanted = provider
        self.health: dict[Provider, ProviderHealth] = {}
        self.results: dict[Provider, VerifyResult] = {}  # the last Verify of each, shown
        self.verifying: set[Provider] = set()

    def compose(self) -> ComposeResult:
        yield Static(
            "Connections: Autotask and the distributors — state as recorded, Verify asks now",
            id="connections-title",
            classes="admin-title",
        )
        with Horizontal(id="connections-body", classes="admin-body"):
            table: DataTable[str] = DataTable(
                id="providers", cursor_type="row", classes="admin-list"
            )
            table.border_title = "Providers"
            yield table
            with Vertical(id="connection", classes="admin-panel") as panel:
                panel.border_title = "Connection"
                yield Static(id="connection-state", markup=False)
                yield Static(id="connection-fields", markup=False)
                yield Static(id="verify-result", classes="admin-message", markup=False)
                with Horizontal(id="connection-actions", classes="admin-actions"):
                    yield Button("Verify", id="verify", variant="primary")
                    yield Button("Re-authenticate", id="reauth")
        yield Footer()

    async def on_mount(self) -> None:
        table = self.query_one("#providers", DataTable)
        table.add_columns("Connection", "State", "Token lifetime", "Last verified")
        self.query_one("#verify", Button).label = f"Verify ({key_of(self, 'verify')})"
        self.query_one("#reauth", Button).label = f"Re-authenticate ({key_of(self, 'reauth')})"
        await self.reload()
        if self.wanted is not None:
            table.move_cursor(row=list(Provider).index(self.wanted))
        table.focus()

    # -- what is shown -----------------------------------------------------------------
    async def reload(self) -> None:
        """Re-read every provider's health and repaint, the cursor staying where it is."""
        self.health = {h.provider: h for h in await self.context.health().all()}
        table = self.query_one("#providers", DataTable)
        row = table.cursor_row
        table.clear()
        now = self.context.clock()
        for provider, health in self.health.items():
            unchecked = health.condition is Condition.UNCHECKED
            symbol = "·" if unchecked else LEVEL_SYMBOL[health.level]
            table.add_row(
                GUIDES[provider].title,
                f"{symbol} {state_text(health, now)}",
                left_text(health.lifetime_ends, now) or "—",
                short_time(health.last_verified_at, now) or "never",
                key=provider.value,
            )
        table.move_cursor(row=row)
        self.show_provider()

    @property
    def provider(self) -> Provider:
        providers = list(Provider)
        row = self.query_one("#providers", DataTable).cursor_row
        return providers[row] if 0 <= row < len(providers) else providers[0]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_provider()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_reauth()

    def show_provider(self) -> None:
        provider = self.provider
        health = self.health.get(provider)
        panel = self.query_one("#connection", Vertical)
        panel.border_title = GUIDES[provider].title
        state = self.query_one("#connection-state", Static)
        if health is not None:
            text = f"State: {state_text(health, self.context.clock())}"
            if health.reason:
                text += f"\n{health.reason}"
            state.update(text)
            state.set_class(health.level is Level.FAIL, "-fail")
            state.set_class(health.level is Level.WARN, "-warn")
        self.query_one("#connection-fields", Static).update("\n".join(self.field_lines(provider)))
        self.show_result(provider)

    def field_lines(self, provider: Provider) -> list[str]:
        section = getattr(self.context.current_settings(), provider.value).model_dump()
        guide = GUIDES[provider]
        labels = {**EXTRA_LABELS, **guide.labels}
        lines = []
        for key in shown_fields(provider):
            value = section.get(key)
            lines.append(f"{labels[key]}: {'—' if value in (None, '') else value}")
        lines.append(f"{guide.secret_label}: kept in the keyring only, never shown")
        return lines

    def show_result(self, provider: Provider) -> None:
        result = self.results.get(provider)
        line = self.query_one("#verify-result", Static)
        if provider in self.verifying:
            text = f"Verifying with {GUIDES[provider].title}…"
        elif result is None:
            text = f"Not verified from this screen yet: press {key_of(self, 'verify')}."
        else:
            when = short_time(result.checked_at, self.context.clock())
            verdict = "✓ Verified" if result.accepted else "✗ Verify failed"
            text = f"{verdict} at {when}: {result.text}"
            if result.reauth_helps:
                text += f"\nPress {key_of(self, 'reauth')} to re-authenticate."
        line.update(text)
        line.set_class(result is not None and not result.accepted, "-error")
        line.set_class(result is not None and result.accepted, "-ok")

    # -- verifying ---------------------------------------------------------------------
    def action_verify(self) -> None:
        provider = self.provider
        if provider in self.verifying:
            return
        self.verifying.add(provider)
        self.show_result(provider)
        self.verify(provider)

    @work(group="connections-verify", exit_on_error=False, description="verify a connection")
    async def verify(self, provider: Provider) -> None:
        ctx = self.context
        try:
            result = await ctx.connection_verifier().verify(provider)
        except Exception as exc:  # becomes an issue, never a traceback
            self.post_message(WorkFailed(f"connections: verify {provider.value}", exc))
            result = VerifyResult(
                provider=provider,
                accepted=False,
                reauth_helps=False,
                text="unexpected failure",
                checked_at=ctx.clock(),
            )
        self.post_message(self.Verified(result))

    async def on_connections_screen_verified(self, message: Verified) -> None:
        result = message.result
        self.verifying.discard(result.provider)
        self.results[result.provider] = result
        await self.reload()
        await desk(self).refresh_header()

    # -- re-authenticating ---------------------------------------------------------------
    def action_reauth(self) -> None:
        provider = self.provider

        async def done(ok: bool | None) -> None:
            if ok:
                self.results.pop(provider, None)
            await self.reload()
            await desk(self).refresh_header()

        self.app.push_screen(ReauthScreen(self.context, provider=provider), done)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "verify":
            self.action_verify()
        else:
            self.action_reauth()

    def action_close(self) -> None:
        self.dismiss(None)
