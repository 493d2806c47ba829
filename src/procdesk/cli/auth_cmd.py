"""`procdesk auth status|autotask|...`: credentials, verified live before they are stored.

Another provider registers its subcommand with one line in AUTH_COMMANDS.
"""

from __future__ import annotations

import sys

import click

from procdesk.cli.lazy import LazySubgroup
from procdesk.cli.runtime import (
    CLEAN_TEXT,
    BadInput,
    Failed,
    emit_json,
    emit_table,
    json_option,
    run,
    services,
)
from procdesk.config import Settings
from procdesk.domain.enums import Provider
from procdesk.domain.text import first_unsafe
from procdesk.secrets.accounts import ACCOUNT_KEY
from procdesk.services.auth.health import state_text
from procdesk.services.auth.reauth import ReauthRefusedError
from procdesk.services.auth.secret_rule import AUTOTASK_SECRET_HEADER, secret_problem

AUTH_COMMANDS: dict[str, tuple[str, str]] = {
    "ingram": ("procdesk.cli.auth_distributors:ingram_command", "Ingram Micro credentials."),
    "tdsynnex": ("procdesk.cli.auth_distributors:tdsynnex_command", "TD SYNNEX refresh token."),
    "tdsynnex-xml": (
        "procdesk.cli.auth_distributors:tdsynnex_xml_command",
        "TD SYNNEX EC Express login (hardware).",
    ),
    "ledger": ("procdesk.cli.auth_ledger:ledger_command", "PostgreSQL ledger password."),
}


def keyring_account(settings: Settings, provider: str) -> str | None:
    """The account whose keyring entry this profile reads for `provider` (None: unset)."""
    key = ACCOUNT_KEY.get(provider)
    section = getattr(settings, provider, None)
    value = getattr(section, key, None) if key else None
    return str(value) if value else None


def _stdin_line() -> str:
    """One line of standard input, its bytes decoded as UTF-8 whatever the locale; bytes
    that are not UTF-8 become surrogates, which `checked_secret` refuses."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        return sys.stdin.readline()
    return bytes(buffer.readline()).decode("utf-8", "surrogateescape")


def checked_secret(text: str, *, header: str | None = None) -> str:
    """The secret as typed or read (surrounding blanks and the line end dropped), or
    BadInput saying what is wrong with it (`secret_problem`) without showing it."""
    text = text.removesuffix("\n").removesuffix("\r")
    if not text.strip() and first_unsafe(text) is None:
        raise click.BadParameter("the secret is empty")
    problem = secret_problem(text, header=header)
    if problem is not None:
        raise BadInput(problem)
    return text.strip()


def read_secret(prompt: str, from_stdin: bool, *, header: str | None = None) -> str:
    """The secret from one line of standard input, or a masked prompt, checked by
    `checked_secret` before anything is sent (`header`: the HTTP header it travels in).

    Refuses first (exit 1, with the fix) when the keyring could not keep it: a secret
    "stored" in a backend that forgets it would fail the next command."""
    from procdesk.secrets import KeyringUnavailableError
    from procdesk.wiring import secret_store

    try:
        secret_store().describe_backend()
    except KeyringUnavailableError as exc:
        raise Failed(f"nothing stored: {exc}") from None
    text = _stdin_line() if from_stdin else str(click.prompt(prompt, hide_input=True))
    return checked_secret(text, header=header)


@click.group("auth", cls=LazySubgroup, lazy=AUTH_COMMANDS)
def auth_command() -> None:
    """Provider credentials: state, and (re-)authentication."""


@auth_command.command("status")
@json_option
@click.pass_context
def status_command(ctx: click.Context, as_json: bool) -> None:
    """Each provider's credential state as last seen by procdesk."""

    async def go() -> list[dict[str, object]]:
        async with services(ctx) as svc:
            now = svc.clock()
            found = await svc.health().all()
            settings = svc.settings
        return [
            {
                "provider": h.provider.value,
                "account": h.account,
                "keyring_account": keyring_account(settings, h.provider.value),
                "state": h.condition.value,
                "summary": state_text(h, now),
                "expires_at": h.expires_at,
                "last_verified_at": h.last_verified_at,
                "reason": h.reason,
            }
            for h in found
        ]

    rows = run(go())
    if as_json:
        emit_json(rows)
        return
    from procdesk.wiring import current_profile

    click.echo(
        f"profile {current_profile().name}: secrets from its own keyring entries, "
        "for the account each provider's config names (KEYRING ACCOUNT)"
    )
    emit_table(
        rows,
        [
            ("provider", "PROVIDER"),
            ("summary", "STATE"),
            ("account", "ACCOUNT"),
            ("keyring_account", "KEYRING ACCOUNT"),
            ("last_verified_at", "VERIFIED"),
            ("reason", "WHY"),
        ],
    )


@auth_command.command("autotask")
@click.option("--username", type=CLEAN_TEXT, required=True, help="The API-only user (an email).")
@click.option(
    "--integration-code", type=CLEAN_TEXT, required=True, help="The integration's tracking id."
)
@click.option("--stdin", "from_stdin", is_flag=True, help="Read the secret from standard input.")
@click.pass_context
def autotask_command(
    ctx: click.Context, username: str, integration_code: str, from_stdin: bool
) -> None:
    """Store Autotask credentials after checking them live (secret: keyring only)."""
    secret = read_secret("Autotask API secret", from_stdin, header=AUTOTASK_SECRET_HEADER)

    async def go() -> str:
        async with services(ctx) as svc:
            fields = {"username": username, "integration_code": integration_code}
            try:
                done = await svc.reauthenticator().reauthenticate(
                    svc.settings, provider=Provider.AUTOTASK, fields=fields, secret=secret
                )
            except ReauthRefusedError as exc:
                raise Failed(str(exc)) from None
            return done.summary

    click.echo(run(go()))
