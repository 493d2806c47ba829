"""`procdesk auth ledger`: the PostgreSQL ledger's password, into the keyring only.

It connects with the password first and stores it only when the server accepts it, so a
team member never ends up with a stored password that does not work.
"""

from __future__ import annotations

import click

from procdesk.cli.auth_cmd import read_secret
from procdesk.cli.runtime import BadInput, Failed, ledger_option, run, settings_or_exit
from procdesk.secrets.redaction import redacted
from procdesk.store.ledger import Ledger, masked, open_failure, to_async_url
from procdesk.wiring import secret_store, store_ledger_password


@click.command("ledger")
@click.option("--stdin", "from_stdin", is_flag=True, help="Read the password from standard input.")
@click.pass_context
def ledger_command(ctx: click.Context, from_stdin: bool) -> None:
    """Store the PostgreSQL ledger's password in the keyring after connecting with it."""
    url = ledger_option(ctx) or settings_or_exit().ledger
    if to_async_url(url).get_backend_name() != "postgresql":
        raise BadInput(f"the ledger {masked(url)} is not PostgreSQL: it has no password")
    password = read_secret(f"Password for {masked(url)}", from_stdin)

    async def verify() -> None:
        try:
            ledger = await Ledger.open(url, password=password, migrate=False)
            async with ledger.read() as conn:
                await conn.exec_driver_sql("SELECT 1")
            await ledger.close()
        except Exception as exc:  # LedgerError, OSError or the driver's own: all mean "no"
            reason = str(open_failure(to_async_url(url), exc))
            reason = redacted(reason, password, "***")
            raise Failed(f"nothing stored: {reason}") from None

    run(verify())
    store_ledger_password(secret_store(), url, password)
    click.echo(f"Password for {masked(url)} stored in the keyring.")
