"""`procdesk ledger backup [FILE] | restore FILE | after-restore | migrate`: the ledger's
lifecycle.

Upgrading procdesk: back up, stop every worker and dashboard, upgrade procdesk everywhere,
run `procdesk ledger migrate` once, start them again (README, "Upgrading").
"""

from __future__ import annotations

from pathlib import Path

import click

from procdesk.cli.runtime import BadInput, Failed, ledger_option, run, settings_or_exit
from procdesk.secrets import KeyringUnavailableError, SecretStore
from procdesk.store.backup import BackupError, LedgerCopy
from procdesk.store.files import LedgerPathError
from procdesk.store.ledger import LedgerError
from procdesk.store.unconfirmed import Unconfirmed


def _target(ctx: click.Context) -> str:
    return ledger_option(ctx) or settings_or_exit().ledger


def _password(target: str) -> str | None:
    from procdesk.wiring import ledger_password

    try:
        return ledger_password(target, SecretStore())
    except KeyringUnavailableError:
        return None


def _describe(copy: LedgerCopy) -> str:
    charges = f", {copy.charges} charge(s)" if copy.charges is not None else ""
    return f"{copy.path} ({copy.size_bytes / 1024:.0f} KiB, schema {copy.revision}{charges})"


@click.group("ledger")
def ledger_command() -> None:
    """Back up, restore and migrate the ledger."""


@ledger_command.command("backup")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def backup_command(ctx: click.Context, file: Path | None) -> None:
    """Copy the ledger to FILE (default: the `backups` folder beside it), safely while
    workers write. On PostgreSQL, prints the pg_dump command to use instead."""
    from procdesk.services.ledger.lifecycle import NotSqlite, backup_ledger

    try:
        copy = run(backup_ledger(_target(ctx), file))
    except NotSqlite as exc:
        raise Failed(str(exc)) from None
    except (BackupError, LedgerPathError) as exc:
        raise Failed(str(exc)) from None
    click.echo(f"Backed up to {_describe(copy)}.")


@ledger_command.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def restore_command(ctx: click.Context, file: Path, yes: bool) -> None:
    """Replace the ledger with the backup FILE (checked first; refused while workers run).
    The ledger it replaces is kept in the backups folder."""
    from procdesk.services.ledger.lifecycle import (
        BadBackupFile,
        LedgerBusy,
        NotSqlite,
        check_backup_file,
        restore_ledger,
    )

    target = _target(ctx)
    try:
        copy = check_backup_file(file)
    except BadBackupFile as exc:
        raise BadInput(str(exc)) from None
    if not yes and not click.confirm(
        f"Replace the ledger {target} with {_describe(copy)}? Work recorded since that "
        "backup will be gone from the ledger (the current ledger is kept in the backups folder)",
        default=False,
    ):
        raise Failed("not restored")
    try:
        done = run(restore_ledger(target, file, password=_password(target)))
    except BadBackupFile as exc:
        raise BadInput(str(exc)) from None
    except (NotSqlite, LedgerBusy, BackupError, OSError) as exc:
        raise Failed(str(exc)) from None
    if done.previous is not None:
        click.echo(f"The replaced ledger is kept at {done.previous}.")
    click.echo(f"Restored {target} from {_describe(done.source)}.")
    if done.unconfirmed is not None:
        click.echo(_looked_up(done.unconfirmed))
    if done.needs_migration:
        click.echo(
            "Its schema is older than this procdesk: run `procdesk ledger migrate`, then "
            "`procdesk ledger after-restore`, before starting any worker."
        )


def _looked_up(unconfirmed: Unconfirmed) -> str:
    if not unconfirmed.total:
        return "Nothing in it was waiting to be sent."
    parts = [
        f"{n} {what}"
        for n, what in (
            (unconfirmed.charges, "charge(s)"),
            (unconfirmed.orders, "order(s)"),
            (unconfirmed.purchase_orders, "purchase order(s)"),
            (unconfirmed.purchase_order_items, "purchase order item(s)"),
        )
        if n
    ]
    return (
        f"{', '.join(parts)} may have been sent after the backup was taken: the workers look "
        "each one up in Autotask or at the distributor before sending anything again."
    )


@ledger_command.command("after-restore")
@click.pass_context
def after_restore_command(ctx: click.Context) -> None:
    """Run once on a ledger restored from a backup by other means (pg_restore, a file copy)
    or migrated after `ledger restore`, before starting workers: what may have been sent
    since the backup is marked so it is looked up before anything is sent again."""
    from procdesk.services.ledger.lifecycle import mark_restored

    target = _target(ctx)
    try:
        unconfirmed = run(mark_restored(target, password=_password(target)))
    except LedgerError as exc:
        raise Failed(str(exc)) from None
    click.echo(_looked_up(unconfirmed))


@ledger_command.command("migrate")
@click.option("--yes", is_flag=True, help="Do not ask, even while other processes use it.")
@click.pass_context
def migrate_command(ctx: click.Context, yes: bool) -> None:
    """Bring the ledger's schema up to this procdesk's (a SQLite ledger is backed up
    first). Stop the other procdesk processes first; back up PostgreSQL with pg_dump."""
    from procdesk.services.ledger.lifecycle import migrate_ledger, users_of

    target = _target(ctx)
    busy = run(users_of(target, _password(target)))
    if busy and not yes:
        click.echo(f"Other procdesk processes use this ledger: {'; '.join(busy)}.")
        if not click.confirm(
            "Processes of an older procdesk stop working once the schema changes. Migrate now?",
            default=False,
        ):
            raise Failed("not migrated: stop the other processes, then run it again")
    try:
        done = run(migrate_ledger(target, password=_password(target)))
    except (LedgerError, BackupError) as exc:
        raise Failed(str(exc)) from None
    if done.before == done.after:
        click.echo(f"The ledger is already at schema revision {done.after}; nothing to do.")
        return
    if done.backup is not None:
        click.echo(f"Backed up to {_describe(done.backup)}.")
    before = f"schema revision {done.before}" if done.before else "an empty database"
    click.echo(f"Migrated the ledger from {before} to schema revision {done.after}.")
