"""`procdesk auth ingram | tdsynnex | tdsynnex-xml`: re-authenticate a distributor.

Shows what is needed and where to get it, reads the secret from a masked prompt (or one
line of standard input with --stdin), verifies it live with the distributor, and only then
stores it (keyring) and the non-secret settings (config). Paused orders resume by
themselves. A refusal says what the distributor said, never the secret.
"""

from __future__ import annotations

from collections.abc import Mapping

import click

from procdesk.cli.auth_cmd import read_secret
from procdesk.cli.runtime import CLEAN_TEXT, BadInput, Failed, run, services
from procdesk.config import ConfigError, Settings, set_value
from procdesk.config.distributors import distributor_settings
from procdesk.domain.enums import Distributor
from procdesk.services.auth.distributors import ReauthFailedError, ReauthResult

INGRAM_HELP = (
    "Ingram Micro ordering needs: the app's client id and client secret (Ingram Micro "
    "developer portal > My Apps), your Ingram customer (reseller) number and country code "
    "(your Ingram account team, or the portal's account page). The secret goes to the "
    "keyring only."
)
TDSYNNEX_HELP = (
    "TD SYNNEX ordering needs: your StreamOne ION account id and a new refresh token. "
    "Create the token in the ION portal (Settings > API / Refresh token > Generate); it is "
    "single-use, so paste a fresh one. procdesk exchanges it at once and keeps the rotated "
    "token in the keyring."
)


TDSYNNEX_XML_HELP = (
    "TD SYNNEX hardware ordering (the XML interface) needs: your TD SYNNEX customer "
    "(account) number and the EC Express web login (user name and password) that may use "
    "the XML interface; TD SYNNEX also registers the static IP address you order from. "
    "procdesk checks the login with a one-part price request before it stores anything; "
    "the password goes to the keyring only."
)
HELP = {
    Distributor.INGRAM: INGRAM_HELP,
    Distributor.TDSYNNEX: TDSYNNEX_HELP,
    Distributor.TDSYNNEX_XML: TDSYNNEX_XML_HELP,
}
PROMPT = {
    Distributor.INGRAM: "Ingram Micro client secret",
    Distributor.TDSYNNEX: "TD SYNNEX refresh token (from the ION portal)",
    Distributor.TDSYNNEX_XML: "TD SYNNEX EC Express password",
}


def _scrub(message: str, secret: str) -> str:
    return message.replace(secret, "[secret]") if secret else message


def _apply(
    distributor: Distributor, settings: Settings, options: Mapping[str, str | None]
) -> dict[str, str]:
    config = distributor_settings(settings, distributor)
    config.update({key: value for key, value in options.items() if value})
    return config


def _reauthenticate(
    ctx: click.Context,
    distributor: Distributor,
    options: Mapping[str, str | None],
    from_stdin: bool,
) -> None:
    click.echo(HELP[distributor], err=True)
    prompt = PROMPT[distributor]

    async def go() -> ReauthResult:
        async with services(ctx) as svc:
            config = _apply(distributor, svc.settings, options)
            secret = read_secret(prompt, from_stdin)
            reauth = svc.distributor_reauth()
            try:
                result = await reauth.reauthenticate(distributor, config, secret)
            except ReauthFailedError as exc:
                raise Failed(
                    f"{distributor.value} refused: {_scrub(str(exc), secret)}; nothing was stored"
                ) from None
        for key, value in options.items():
            if value:
                try:
                    set_value(f"{distributor.value}.{key}", value)
                except ConfigError as exc:
                    raise BadInput(str(exc)) from None
        return result

    result = run(go())
    lifetime = result.refresh_expires_at or result.access_expires_at
    click.echo(
        f"{distributor.value}: verified and stored for {result.account}"
        + (f"; valid until {lifetime:%Y-%m-%d %H:%M} UTC" if lifetime else "")
        + f"; {result.resumed_orders} waiting order(s) resume on the next worker cycle"
    )


stdin_option = click.option(
    "--stdin", "from_stdin", is_flag=True, help="Read the secret from standard input."
)


@click.command("ingram")
@click.option("--client-id", type=CLEAN_TEXT, help="The app's client id (Ingram developer portal).")
@click.option(
    "--customer-number", type=CLEAN_TEXT, help="Your Ingram customer number, e.g. 20-222222."
)
@click.option("--country-code", type=CLEAN_TEXT, help="Two letters, e.g. US.")
@click.option("--sender-id", type=CLEAN_TEXT, help="Optional IM-SenderID.")
@click.option(
    "--base-url", type=CLEAN_TEXT, help="API root (the sandbox, or Ingram's /sandbox host)."
)
@stdin_option
@click.pass_context
def ingram_command(ctx: click.Context, /, from_stdin: bool, **options: str | None) -> None:
    """Store Ingram Micro ordering credentials after checking them live."""
    _reauthenticate(ctx, Distributor.INGRAM, options, from_stdin)


@click.command("tdsynnex")
@click.option("--account-id", type=CLEAN_TEXT, help="Your StreamOne ION account id.")
@click.option("--base-url", type=CLEAN_TEXT, help="API root (e.g. the sandbox's /tdsynnex).")
@stdin_option
@click.pass_context
def tdsynnex_command(ctx: click.Context, /, from_stdin: bool, **options: str | None) -> None:
    """Store a TD SYNNEX refresh token after exchanging it live."""
    _reauthenticate(ctx, Distributor.TDSYNNEX, options, from_stdin)


@click.command("tdsynnex-xml")
@click.option(
    "--customer-number", type=CLEAN_TEXT, help="Your TD SYNNEX customer (account) number."
)
@click.option(
    "--username", type=CLEAN_TEXT, help="The EC Express login allowed to use the XML interface."
)
@click.option(
    "--base-url",
    type=CLEAN_TEXT,
    help="XML host, e.g. https://ec.us.tdsynnex.com or the sandbox's.",
)
@stdin_option
@click.pass_context
def tdsynnex_xml_command(ctx: click.Context, /, from_stdin: bool, **options: str | None) -> None:
    """Store the TD SYNNEX EC Express login (hardware orders) after checking it live."""
    _reauthenticate(ctx, Distributor.TDSYNNEX_XML, options, from_stdin)
