"""The Connections screen against the sandbox: each provider's state as the header says it,
Verify asking the provider now and showing the answer in place (and in the ledger, so the
header agrees), re-authentication from the row, and no secret on screen."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from procdesk.domain.enums import CredentialState, Provider
from procdesk.integrations.autotask.credentials import SECRET_FIELD
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets.accounts import account_entry
from procdesk.services.auth.credentials import CredentialService
from procdesk.tui import probe
from procdesk.tui.app import ProcdeskApp
from procdesk.tui.screens.connections import ConnectionsScreen
from procdesk.tui.screens.reauth import ReauthScreen
from procdesk.tui.widgets.header_bar import HeaderBar
from procdesk.wiring import Context
from tests.support.charges import SyncHarness, set_faults
from tests.support.dashboard import SCREEN_SIZE
from tests.support.keyring_entries import demo_entry
from tests.support.procurement import store_demo_secrets
from tests.support.settle import settle

WRONG_SECRET = "not-the-secret-5521"


async def open_connections(
    app: ProcdeskApp, context: Context, pilot: Pilot[None], provider: Provider
) -> ConnectionsScreen:
    screen = ConnectionsScreen(context, provider=provider)
    await app.push_screen(screen)
    await settle(app, pilot)
    return screen


def row_of(screen: ConnectionsScreen, provider: Provider) -> list[str]:
    table = screen.query_one("#providers", DataTable)
    return [str(c) for c in table.get_row_at(list(Provider).index(provider))]


def header_text(app: ProcdeskApp) -> str:
    return str(app.screen_stack[0].query_one(HeaderBar).render())


async def test_verify_on_a_rejected_login_shows_the_failure_in_place_and_the_header_agrees(
    screen_app: ProcdeskApp, screen_context: Context, harness: SyncHarness
) -> None:
    harness.secrets.set(demo_entry("autotask"), SECRET_FIELD, WRONG_SECRET)
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_connections(screen_app, screen_context, pilot, Provider.AUTOTASK)
        assert row_of(screen, Provider.AUTOTASK)[1] == "· never checked"
        text = probe.screen_text(screen_app)
        assert f"API user name (email): {DEMO_CREDENTIALS.autotask.username}" in text
        assert "Secret: kept in the keyring only, never shown" in text

        await pilot.press("v")
        await settle(screen_app, pilot)
        assert screen_app.screen is screen
        text = probe.screen_text(screen_app)
        assert "✗ Verify failed at" in text
        assert "login rejected" in text
        assert WRONG_SECRET not in text
        assert row_of(screen, Provider.AUTOTASK)[1] == "✗ login rejected"

        await pilot.press("escape")
        await settle(screen_app, pilot)
        assert "✗ Autotask login rejected" in header_text(screen_app)
    state = await CredentialService(harness.ledger, actor="test").state(Provider.AUTOTASK)
    assert state is CredentialState.INVALID
    assert [i.kind.value for i in await harness.open_issues()] == ["credentials_invalid"]


async def test_verify_of_a_working_distributor_records_it_and_shows_the_token_lifetime(
    screen_app: ProcdeskApp, screen_context: Context, harness: SyncHarness
) -> None:
    store_demo_secrets(harness.secrets)
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_connections(screen_app, screen_context, pilot, Provider.INGRAM)
        await pilot.press("v")
        await settle(screen_app, pilot)
        text = probe.screen_text(screen_app)
        assert "✓ Verified at" in text
        assert "credentials accepted" in text
        assert DEMO_CREDENTIALS.ingram.client_secret not in text
        row = row_of(screen, Provider.INGRAM)
        assert not row[1].startswith("✗")
        assert row[2] not in ("—", "expired")  # the new access token's lifetime
        number = DEMO_CREDENTIALS.ingram.customer_number
        assert f"Customer number (e.g. 20-222222): {number}" in text
        await pilot.press("escape")
        await settle(screen_app, pilot)
        assert f"{row[1][0]} Ingram {row[1][2:]}" in header_text(screen_app)  # the same words
    state = await CredentialService(harness.ledger, actor="test").state(Provider.INGRAM)
    assert state is CredentialState.OK


async def test_a_rejected_login_is_fixed_by_re_authenticating_from_its_row(
    screen_app: ProcdeskApp, screen_context: Context, harness: SyncHarness
) -> None:
    harness.secrets.set(demo_entry("autotask"), SECRET_FIELD, WRONG_SECRET)
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_connections(screen_app, screen_context, pilot, Provider.AUTOTASK)
        await pilot.press("v")
        await settle(screen_app, pilot)
        await pilot.press("r")
        await settle(screen_app, pilot)
        reauth = screen_app.screen
        assert isinstance(reauth, ReauthScreen)
        assert "Current state: login rejected" in probe.screen_text(screen_app)
        reauth.query_one("#secret", Input).value = DEMO_CREDENTIALS.autotask.secret
        await pilot.press("ctrl+s")
        await settle(screen_app, pilot)
        assert screen_app.screen is screen
        assert row_of(screen, Provider.AUTOTASK)[1] == "✓ ok"
        assert "Not verified from this screen yet" in probe.screen_text(screen_app)
        await pilot.press("escape")
        await settle(screen_app, pilot)
        assert "✓ Autotask ok" in header_text(screen_app)
    assert await harness.open_issues() == []


async def test_focusing_a_field_puts_the_cursor_at_the_end_and_selects_nothing(
    screen_app: ProcdeskApp, screen_context: Context, harness: SyncHarness
) -> None:
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_connections(screen_app, screen_context, pilot, Provider.AUTOTASK)
        await pilot.press("r")
        await settle(screen_app, pilot)
        reauth = screen_app.screen
        assert isinstance(reauth, ReauthScreen)
        field = reauth.query_one("#field-username", Input)
        field.focus()
        await settle(screen_app, pilot)
        assert field.selection.is_empty
        assert field.cursor_position == len(field.value)
        await pilot.press("x")
        assert field.value == DEMO_CREDENTIALS.autotask.username + "x"
        assert screen.is_attached


async def test_verify_names_an_invalid_customer_number_as_such_everywhere(
    screen_app: ProcdeskApp, screen_context: Context, harness: SyncHarness
) -> None:
    """Ingram refuses the customer number: the row, the panel and the header all say
    "invalid customer number" (not a generic rejection), and one issue of that kind opens."""
    mismatch = DEMO_CREDENTIALS.ingram  # an app registered to another customer number
    store_demo_secrets(harness.secrets)
    harness.secrets.set(
        account_entry("ingram", mismatch.mismatch_client_id),
        "client_secret",
        mismatch.mismatch_client_secret,
    )
    settings = screen_context.settings
    ingram = settings.ingram.model_copy(update={"client_id": mismatch.mismatch_client_id})
    screen_context.settings = settings.model_copy(update={"ingram": ingram})
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_connections(screen_app, screen_context, pilot, Provider.INGRAM)
        await pilot.press("v")
        await settle(screen_app, pilot)
        assert row_of(screen, Provider.INGRAM)[1] == "✗ invalid customer number"
        assert "✗ Verify failed at" in probe.screen_text(screen_app)
        await pilot.press("escape")
        await settle(screen_app, pilot)
        assert "✗ Ingram invalid customer number" in header_text(screen_app)
    assert [i.kind.value for i in await harness.open_issues()] == ["invalid_customer_number"]


async def test_a_provider_that_does_not_answer_changes_nothing_and_says_so(
    screen_app: ProcdeskApp, screen_context: Context, harness: SyncHarness, sandbox: SandboxServer
) -> None:
    set_faults(sandbox, "autotask=500")
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_connections(screen_app, screen_context, pilot, Provider.AUTOTASK)
        await pilot.press("v")
        await settle(screen_app, pilot)
        shown = str(screen.query_one("#verify-result", Static).render())
        assert shown.startswith("✗ Verify failed at")
        assert "HTTP 500" in shown
        assert "nothing changed, the workers retry by themselves" in shown
        assert row_of(screen, Provider.AUTOTASK)[1] == "· never checked"
    assert await CredentialService(harness.ledger, actor="t").state(Provider.AUTOTASK) is None
    assert await harness.open_issues() == []


async def test_verify_of_a_door_that_is_not_set_up_says_so_and_pauses_nothing(
    screen_app: ProcdeskApp, screen_context: Context, harness: SyncHarness
) -> None:
    assert screen_context.settings.tdsynnex_xml.customer_number is None
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_connections(screen_app, screen_context, pilot, Provider.TDSYNNEX_XML)
        await pilot.press("v")
        await settle(screen_app, pilot)
        shown = str(screen.query_one("#verify-result", Static).render())
        assert shown.startswith("✗ Verify failed at")
        assert "not set up" in shown
        assert "Press r to re-authenticate." in shown
        assert row_of(screen, Provider.TDSYNNEX_XML)[1] == "· never checked"
    assert await CredentialService(harness.ledger, actor="t").state(Provider.TDSYNNEX_XML) is None
    assert await harness.open_issues() == []
