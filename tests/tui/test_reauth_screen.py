"""The re-authentication screen against the sandbox: refusals shown in the screen without
the secret and nothing stored; success stored, paused work resumed, the screen closed."""

from __future__ import annotations

import httpx
import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from procdesk.config.paths import config_file
from procdesk.domain.enums import CredentialState, EntityType, Provider
from procdesk.integrations.autotask.credentials import SECRET_FIELD
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import MemoryKeyring
from procdesk.secrets.accounts import account_entry
from procdesk.services.auth.credentials import CredentialService
from procdesk.store import events
from procdesk.tui import probe
from procdesk.tui.app import ProcdeskApp, make_app
from procdesk.tui.screens.reauth import ReauthScreen
from procdesk.wiring import Context
from tests.support.charges import TICKET, SyncHarness, add_quote, line, set_faults
from tests.support.dashboard import SCREEN_SIZE
from tests.support.keyring_entries import demo_entry
from tests.support.procurement import portal_refresh_token
from tests.support.settle import settle

DEMO = DEMO_CREDENTIALS.autotask
BAD_SECRET = "wrongsecret7421"


async def state(harness: SyncHarness, provider: Provider) -> CredentialState | None:
    return await CredentialService(harness.ledger, actor="test").state(provider)


async def paused_autotask(harness: SyncHarness) -> int:
    """Autotask refuses the stored secret: one charge waits, Autotask work is paused."""
    harness.secrets.set(demo_entry("autotask"), SECRET_FIELD, "not-the-secret")
    [charge_id] = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1)])
    assert (await harness.loop.run_once())["paused"] == 1
    assert await state(harness, Provider.AUTOTASK) is CredentialState.INVALID
    return charge_id


async def open_reauth(
    app: ProcdeskApp, context: Context, pilot: Pilot[None], provider: Provider
) -> tuple[ReauthScreen, list[bool | None]]:
    results: list[bool | None] = []
    screen = ReauthScreen(context, provider=provider)
    await app.push_screen(screen, results.append)
    await settle(app, pilot)
    return screen, results


async def test_a_bad_autotask_secret_is_refused_in_the_screen_and_nothing_is_stored(
    screen_app: ProcdeskApp, screen_context: Context, harness: SyncHarness
) -> None:
    await paused_autotask(harness)
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen, results = await open_reauth(screen_app, screen_context, pilot, Provider.AUTOTASK)
        assert screen.query_one("#field-username", Input).value == DEMO.username
        assert "Current state: login rejected" in probe.screen_text(screen_app)
        assert screen.focused is screen.query_one("#secret", Input)
        await pilot.press(*BAD_SECRET, "enter")
        await settle(screen_app, pilot)
        assert screen_app.screen is screen
        assert results == []
        text = probe.screen_text(screen_app)
        assert "Autotask rejected these credentials" in text
        assert "nothing was stored" in text
        assert BAD_SECRET not in text
        assert screen.query_one("#secret", Input).value == ""
    assert harness.secrets.get(demo_entry("autotask"), SECRET_FIELD) == "not-the-secret"
    assert await state(harness, Provider.AUTOTASK) is CredentialState.INVALID
    async with harness.ledger.read() as conn:
        history = await events.history(conn, EntityType.CREDENTIAL, "autotask")
    assert BAD_SECRET not in str(history) + str(await harness.open_issues())


async def test_autotask_reauth_success_stores_resumes_notifies_and_closes(
    screen_app: ProcdeskApp,
    screen_context: Context,
    harness: SyncHarness,
    sandbox: SandboxServer,
) -> None:
    await paused_autotask(harness)
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen, results = await open_reauth(screen_app, screen_context, pilot, Provider.AUTOTASK)
        screen.query_one("#secret", Input).value = DEMO.secret
        set_faults(sandbox, "autotask=latency:300")  # keep the check in flight a moment
        await pilot.press("ctrl+s")
        in_flight = [f"{w!r} {w.description}" for w in screen_app.workers]
        assert any("verify" in text for text in in_flight)
        assert not any(DEMO.secret in text for text in in_flight)
        await settle(screen_app, pilot)
        assert results == [True]
        assert screen_app.screen is not screen
        assert any(
            "Autotask credentials verified and stored" in n.message
            for n in probe.notifications(screen_app)
        )
    assert await state(harness, Provider.AUTOTASK) is CredentialState.OK
    assert await harness.open_issues() == []
    assert harness.secrets.get(demo_entry("autotask"), SECRET_FIELD) == DEMO.secret
    set_faults(sandbox, "")
    harness.clock.advance(minutes=1)  # past the retry delay of the attempt that was refused
    assert (await harness.loop.run_once())["synced"] == 1  # the paused charge goes out


async def test_in_process_workers_use_the_fields_fixed_in_the_reauth_screen(
    screen_context: Context, harness: SyncHarness
) -> None:
    """The dashboard's own workers started with a wrong API user: after the screen fixes
    the user name, their next Autotask client is built with it, without a restart."""
    section = screen_context.settings.autotask.model_copy(update={"username": "former@x.test"})
    screen_context.settings = screen_context.settings.model_copy(update={"autotask": section})
    harness.secrets.set(account_entry("autotask", "former@x.test"), SECRET_FIELD, DEMO.secret)
    workers = screen_context.background_worker()
    app = make_app(screen_context)
    await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1)])
    try:
        assert (await workers.runner.run_once())["charges"]["paused"] == 1
        assert await state(harness, Provider.AUTOTASK) is CredentialState.INVALID
        async with app.run_test(size=SCREEN_SIZE) as pilot:
            screen, results = await open_reauth(app, screen_context, pilot, Provider.AUTOTASK)
            screen.query_one("#field-username", Input).value = DEMO.username
            screen.query_one("#secret", Input).value = DEMO.secret
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert results == [True]
        harness.clock.advance(minutes=1)
        assert (await workers.runner.run_once())["charges"]["synced"] == 1
    finally:
        await workers.runner.close()


async def test_missing_or_refused_ingram_fields_are_shown_and_nothing_is_stored(
    screen_app: ProcdeskApp, screen_context: Context, harness: SyncHarness
) -> None:
    ingram = DEMO_CREDENTIALS.ingram
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen, results = await open_reauth(screen_app, screen_context, pilot, Provider.INGRAM)
        assert screen.query_one("#field-customer_number", Input).value == ingram.customer_number
        screen.query_one("#field-customer_number", Input).value = ""
        screen.query_one("#secret", Input).value = ingram.client_secret
        await pilot.press("ctrl+s")
        await settle(screen_app, pilot)
        assert "fill in ingram.customer_number; nothing was sent" in probe.screen_text(screen_app)

        screen.query_one("#field-customer_number", Input).value = ingram.customer_number
        screen.query_one("#secret", Input).value = BAD_SECRET
        await pilot.press("ctrl+s")
        await settle(screen_app, pilot)
        text = probe.screen_text(screen_app)
        assert "ingram refused" in text
        assert BAD_SECRET not in text
        assert results == []
    assert harness.secrets.get(demo_entry("ingram"), "client_secret") is None
    assert await state(harness, Provider.INGRAM) is None


async def test_tdsynnex_reauth_with_a_fresh_portal_token_keeps_the_rotated_one(
    screen_app: ProcdeskApp,
    screen_context: Context,
    harness: SyncHarness,
    sandbox: SandboxServer,
) -> None:
    pasted = portal_refresh_token(sandbox)
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen, results = await open_reauth(screen_app, screen_context, pilot, Provider.TDSYNNEX)
        screen.query_one("#secret", Input).value = pasted
        await pilot.press("ctrl+s")
        await settle(screen_app, pilot)
        assert results == [True]
    assert await state(harness, Provider.TDSYNNEX) is CredentialState.OK
    stored = harness.secrets.get(demo_entry("tdsynnex"), "refresh_token")
    assert stored is not None
    assert stored != pasted  # single-use: the rotated token is kept
    assert screen_context.settings.tdsynnex.account_id == DEMO_CREDENTIALS.tdsynnex.account_id


async def test_a_control_character_in_a_field_is_shown_beside_it_and_nothing_is_sent(
    screen_app: ProcdeskApp, screen_context: Context, harness: SyncHarness
) -> None:
    """Pasted text with an escape sequence: the message names the field, the position and
    the code point beside that field; the secret is neither stored nor sent."""
    ingram = DEMO_CREDENTIALS.ingram
    config_before = config_file().read_bytes() if config_file().exists() else b""
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen, results = await open_reauth(screen_app, screen_context, pilot, Provider.INGRAM)
        screen.query_one("#field-client_id", Input).value = "abc\x1b[2Jdef"
        screen.query_one("#secret", Input).value = ingram.client_secret
        await pilot.press("ctrl+s")
        await settle(screen_app, pilot)
        beside = screen.query_one("#problem-client_id", Static)
        assert beside.has_class("-shown")
        said = str(beside.render())
        assert "ingram.client_id: control character U+001B (ESC) at position 4" in said
        assert "nothing was sent" in said
        assert screen.focused is screen.query_one("#field-client_id", Input)
        assert not screen.query_one("#problem-customer_number", Static).has_class("-shown")
        assert results == []
    assert harness.secrets.get(demo_entry("ingram"), "client_secret") is None
    assert await state(harness, Provider.INGRAM) is None
    assert (config_file().read_bytes() if config_file().exists() else b"") == config_before


BAD_TYPED_SECRETS = [
    (Provider.AUTOTASK, "abcd", "is shorter than 5 characters"),
    (Provider.AUTOTASK, "café-secret-Zq7", "travels in the HTTP header 'Secret'"),
    (Provider.INGRAM, "rt-\u202e-secret-Zq7", "holds a bidirectional control (U+202E)"),
]


@pytest.mark.parametrize(("provider", "typed", "says"), BAD_TYPED_SECRETS)
async def test_a_secret_the_command_line_refuses_is_refused_here_too(
    screen_app: ProcdeskApp,
    screen_context: Context,
    harness: SyncHarness,
    sandbox: SandboxServer,
    keyring_backend: MemoryKeyring,
    provider: Provider,
    typed: str,
    says: str,
) -> None:
    """`procdesk auth` and this screen apply one rule to a secret: nothing is sent."""
    before = served_count(sandbox)
    stored = keyring_backend.values()
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen, results = await open_reauth(screen_app, screen_context, pilot, provider)
        screen.query_one("#secret", Input).value = typed
        await pilot.press("ctrl+s")
        await settle(screen_app, pilot)
        assert results == []
        text = probe.screen_text(screen_app)
        assert says in text
        assert "nothing was sent" in text
        assert typed not in text
    assert served_count(sandbox) == before
    assert keyring_backend.values() == stored


def served_count(sandbox: SandboxServer) -> int:
    state = httpx.get(f"{sandbox.base_url}/_sandbox/state", timeout=10).json()
    return sum(state["requests"]["served_per_endpoint"].values())
