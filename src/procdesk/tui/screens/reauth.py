"""Re-authenticate one provider: what is needed, where to get it, verified live.

The secret is typed into a masked input and cleared after every attempt; a refusal is
shown here in the provider's words (never the secret) and nothing is stored. On success
the services have stored the secret in the keyring and the fields in the config file and
resumed the provider's paused work; the screen tells so and closes with True.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import SecretStr
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from procdesk.domain.enums import Provider
from procdesk.services.auth.health import state_text
from procdesk.services.auth.reauth import (
    REAUTH_FIELDS,
    ReauthDone,
    ReauthRefusedError,
    current_fields,
    scrub,
)
from procdesk.tui.messages import WorkFailed
from procdesk.tui.widgets.mapping_reauth_commands import ScreenCommands, key_of
from procdesk.wiring import Context


@dataclass(frozen=True)
class ProviderGuide:
    title: str
    needs: str
    secret_label: str
    labels: dict[str, str]


GUIDES: dict[Provider, ProviderGuide] = {
    Provider.AUTOTASK: ProviderGuide(
        title="Autotask",
        needs=(
            "An API-only user: its user name (an email address), the integration code "
            "(API tracking identifier) and its secret. In Autotask open Admin > Resources "
            "(Users), the API user (API-only license) > Security: the user name and secret "
            "are there; the integration code is under API Tracking Identifier."
        ),
        secret_label="Secret",
        labels={
            "username": "API user name (email)",
            "integration_code": "Integration code (API tracking identifier)",
        },
    ),
    Provider.INGRAM: ProviderGuide(
        title="Ingram Micro",
        needs=(
            "The Xvantage app's client id and client secret (Ingram Micro developer portal "
            "> My Apps), your Ingram customer (reseller) number and your country code (your "
            "Ingram account team or the portal's account page)."
        ),
        secret_label="Client secret",
        labels={
            "client_id": "Xvantage app client id",
            "customer_number": "Customer number (e.g. 20-222222)",
            "country_code": "Country code (two letters, e.g. US)",
        },
    ),
    Provider.TDSYNNEX: ProviderGuide(
        title="TD SYNNEX",
        needs=(
            "A new refresh token generated in the StreamOne ION portal (Settings > API > "
            "Refresh token > Generate) and your ION account id. Tokens are single-use: "
            "paste a fresh one; procdesk exchanges it at once and keeps the rotated token."
        ),
        secret_label="Refresh token (from the ION portal)",
        labels={"account_id": "StreamOne ION account id"},
    ),
    Provider.TDSYNNEX_XML: ProviderGuide(
        title="TD SYNNEX hardware (XML)",
        needs=(
            "Your TD SYNNEX customer (account) number and the EC Express web login allowed "
            "to use the XML interface; TD SYNNEX also registers the static IP you order "
            "from. procdesk checks the login with a one-part price request first."
        ),
        secret_label="EC Express password",
        labels={
            "customer_number": "TD SYNNEX customer number",
            "username": "EC Express user name",
        },
    ),
}


class ReauthScreen(ModalScreen[bool]):
    DEFAULT_CSS = """
    ReauthScreen { align: center middle; }
    ReauthScreen > VerticalScroll {
        width: 90; max-width: 95%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    ReauthScreen #reauth-title { text-style: bold; }
    ReauthScreen #reauth-needs { margin: 1 0; }
    ReauthScreen Label { margin-top: 1; }
    ReauthScreen #reauth-message { height: auto; margin-top: 1; }
    ReauthScreen #reauth-message.-error { color: $error; }
    ReauthScreen .field-problem { color: $error; height: auto; display: none; }
    ReauthScreen .field-problem.-shown { display: block; }
    ReauthScreen Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    ReauthScreen Button { margin-left: 1; }
    """
    COMMANDS = {ScreenCommands}
    PALETTE_TITLE = "Credentials"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="reauth.cancel"),
        Binding("ctrl+s", "verify", "Verify and save", id="reauth.verify"),
    ]

    @dataclass
    class Verified(Message):
        done: ReauthDone

    @dataclass
    class Refused(Message):
        text: str
        field: str | None = None  # the field at fault: its message shows beside it

    def __init__(self, context: Context, *, provider: Provider) -> None:
        super().__init__()
        self.context = context
        self.provider = provider
        self.guide = GUIDES[provider]
        self.busy = False

    def compose(self) -> ComposeResult:
        fields = current_fields(self.context.settings, self.provider)
        with VerticalScroll():
            yield Static(f"Re-authenticate {self.guide.title}", id="reauth-title")
            yield Static(id="reauth-state", markup=False)
            yield Static(self.guide.needs, id="reauth-needs", markup=False)
            for key in REAUTH_FIELDS[self.provider]:
                yield Label(self.guide.labels[key])
                # Focus puts the cursor at the end: typing edits the value, never replaces it.
                yield Input(fields[key], id=f"field-{key}", select_on_focus=False)
                yield Static(id=f"problem-{key}", classes="field-problem", markup=False)
            yield Label(f"{self.guide.secret_label} (kept in the keyring only)")
            yield Input(password=True, id="secret", select_on_focus=False)
            yield Static(id="reauth-message", markup=False)
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Verify and save", id="verify", variant="primary")

    async def on_mount(self) -> None:
        self.query_one("#cancel", Button).label = f"Cancel ({key_of(self, 'cancel')})"
        verify = self.query_one("#verify", Button)
        verify.label = f"Verify and save ({key_of(self, 'verify')})"
        ctx = self.context
        health = await ctx.health().one(self.provider)
        text = f"Current state: {state_text(health, ctx.clock())}"
        if health.reason:
            text += f" — {health.reason}"
        self.query_one("#reauth-state", Static).update(text)
        empty = [i for i in self.query(Input) if not i.value]
        (empty[0] if empty else self.query_one("#secret", Input)).focus()

    # -- verifying ---------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_verify()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "verify":
            self.action_verify()
        else:
            self.action_cancel()

    def action_verify(self) -> None:
        if self.busy:
            return
        secret_input = self.query_one("#secret", Input)
        secret = secret_input.value
        secret_input.value = ""  # never kept on screen, even masked
        fields = {
            key: self.query_one(f"#field-{key}", Input).value
            for key in REAUTH_FIELDS[self.provider]
        }
        self.busy = True
        self.say(f"Verifying with {self.guide.title}…")
        self.verify(fields, SecretStr(secret))

    # An explicit description: Textual would otherwise describe the worker by its arguments.
    @work(exclusive=True, group="reauth", exit_on_error=False, description="verify credentials")
    async def verify(self, fields: dict[str, str], typed: SecretStr) -> None:
        ctx = self.context
        secret = typed.get_secret_value()
        try:
            done = await ctx.reauthenticator().reauthenticate(
                ctx.settings, provider=self.provider, fields=fields, secret=secret
            )
        except ReauthRefusedError as exc:
            self.post_message(self.Refused(str(exc), field=exc.field))
            return
        except Exception as exc:  # becomes an issue, never a traceback
            safe = RuntimeError(scrub(f"{type(exc).__name__}: {exc}", secret))
            self.post_message(WorkFailed(f"reauth {self.provider.value}", safe))
            self.post_message(self.Refused("Unexpected failure while verifying."))
            return
        self.post_message(self.Verified(done))

    def on_reauth_screen_refused(self, message: Refused) -> None:
        self.busy = False
        self.say("" if message.field else message.text, error=True)
        for key in REAUTH_FIELDS[self.provider]:
            problem = self.query_one(f"#problem-{key}", Static)
            problem.update(message.text if key == message.field else "")
            problem.set_class(key == message.field, "-shown")
        if message.field in REAUTH_FIELDS[self.provider]:
            self.query_one(f"#field-{message.field}", Input).focus()
        else:
            self.query_one("#secret", Input).focus()

    def on_reauth_screen_verified(self, message: Verified) -> None:
        self.busy = False
        self.context.settings = message.done.settings
        self.app.notify(message.done.summary, title=f"{self.guide.title} re-authenticated")
        self.dismiss(True)

    def say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#reauth-message", Static)
        message.update(text)
        message.set_class(error, "-error")

    def action_cancel(self) -> None:
        self.dismiss(False)
