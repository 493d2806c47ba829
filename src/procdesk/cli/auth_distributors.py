"""`procdesk auth ingram | tdsynnex | tdsynnex-xml`: re-authenticate a distributor.

Shows what is needed and where to get it, checks every option given as `procdesk config
set` would (a wrong one: exit 2, nothing sent, nothing stored), reads the secret from a
masked prompt (or one line of standard input with --stdin), verifies it live with the
distributor, and only then stores it (keyring) and the options (config file, all at once);
config and keyring change together or not at all. Paused orders resume by themselves. A
refusal says what the distributor said, never the secret.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import click

from procdesk.cli.auth_cmd import read_secret
from procdesk.cli.runtime import CLEAN_TEXT, BadInput, Failed, run, services, settings_or_exit
from procdesk.config import ConfigError, config_file, set_value
from procdesk.config.distributors import distributor_settings
from procdesk.domain.enums import Distributor
from procdesk.secrets import KeyringUnavailableError, SecretStore
from procdesk.secrets.accounts import section_entry
from procdesk.services.auth.distributors import SECRET_FIELD, ReauthFailedError, ReauthResult
from procdesk.services.auth.reauth import scrub

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


def _config_with(
    distributor: Distributor, options: Mapping[str, str], folder: Path
) -> tuple[Path, dict[str, str]]:
    """A copy of the config file, made in `folder`, with `options` set in the distributor's
    section by `set_value` (so with `procdesk config set`'s own checks and words: ConfigError
    names the first bad one), and the values as stored. The config file is not touched."""
    original = config_file()
    fd, name = tempfile.mkstemp(prefix=".config-auth-", suffix=".toml", dir=folder)
    with os.fdopen(fd, "wb") as copy:
        copy.write(original.read_bytes() if original.exists() else b"")
    staged = Path(name)
    try:
        stored = {
            key: str(set_value(f"{distributor.value}.{key}", value, staged))
            for key, value in options.items()
        }
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return staged, stored


def _checked_options(distributor: Distributor, options: Mapping[str, str]) -> dict[str, str]:
    """The options as they would be stored, each checked as `procdesk config set` checks
    it (BadInput in its words when one is wrong); nothing is written."""
    try:
        with tempfile.TemporaryDirectory(prefix="procdesk-auth-") as folder:
            return _config_with(distributor, options, Path(folder))[1]
    except (ConfigError, OSError) as exc:
        raise BadInput(str(exc)) from None


def _write_config(distributor: Distributor, options: Mapping[str, str]) -> None:
    """Set every option in the config file at once (a staged copy replaces it), or none."""
    if not options:
        return
    path = config_file().resolve()  # (a linked config: the file it links to; the link stays)
    path.parent.mkdir(parents=True, exist_ok=True)
    staged, _ = _config_with(distributor, options, path.parent)
    try:
        os.replace(staged, path)
    finally:
        staged.unlink(missing_ok=True)


def _put_back(secrets: SecretStore, entry: str, field: str, before: str | None) -> str:
    """The keyring entry as it was before (`before`; None: absent); says what was done."""
    try:
        if before is None:
            secrets.delete(entry, field)
        else:
            secrets.set(entry, field, before)
    except KeyringUnavailableError as exc:
        return f"and the keyring could not be put back as it was ({exc}): run this again"
    return "the keyring was put back as it was"


def _reauthenticate(
    ctx: click.Context,
    distributor: Distributor,
    options: Mapping[str, str | None],
    from_stdin: bool,
) -> None:
    """Check the options (nothing sent or stored when one is wrong), read the secret, verify
    it live (which stores it), then write the options all at once; if they cannot be
    written, the keyring entry is put back as it was: the config file and the keyring
    change together or not at all."""
    click.echo(HELP[distributor], err=True)
    settings_or_exit()  # an unreadable config file is refused in its own words first
    given = _checked_options(distributor, {k: v for k, v in options.items() if v})
    secret = read_secret(PROMPT[distributor], from_stdin)

    async def go() -> ReauthResult:
        async with services(ctx) as svc:
            config = {**distributor_settings(svc.settings, distributor), **given}
            entry, field = section_entry(distributor.value, config), SECRET_FIELD[distributor]
            before = svc.secrets.get(entry, field)
            try:
                result = await svc.distributor_reauth().reauthenticate(distributor, config, secret)
            except ReauthFailedError as exc:
                raise Failed(
                    scrub(f"{distributor.value} refused: {exc}; nothing was stored", secret)
                ) from None
            try:
                _write_config(distributor, given)
            except (ConfigError, OSError) as exc:
                undone = _put_back(svc.secrets, entry, field, before)
                raise Failed(
                    scrub(
                        f"{distributor.value} accepted the credentials, but the config file "
                        f"could not be written ({exc}); {undone}",
                        secret,
                    )
                ) from None
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
