"""What every command shares: settings, the ledger, running coroutines, output, exit codes.

Exit codes: 0 ok; 1 the operation failed (`Failed`); 2 bad usage or bad input (`BadInput`).
Errors go to stderr as `Error: <message>`; `--json` output is one JSON array on stdout.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import AsyncIterator, Callable, Coroutine, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

import click
from click.core import ParameterSource
from pydantic import BaseModel

from procdesk.config import ConfigError, Settings, load_settings
from procdesk.domain.ledger_url import ledger_url_problem
from procdesk.domain.text import UnsafeTextError, check_text, shown
from procdesk.secrets import KeyringUnavailableError
from procdesk.services.display import local_time
from procdesk.store.ledger import LedgerError

if TYPE_CHECKING:
    from procdesk.wiring import Context

T = TypeVar("T")


class DigitsIntRange(click.IntRange):
    """A whole number in a range, written with the digits 0-9: Python's `int` also reads
    other scripts' digits, so `charges show ١` acted on charge 1."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.isascii():
            self.fail(f"{value!r} is not a whole number written with the digits 0-9", param, ctx)
        return super().convert(value, param, ctx)


# A record id as the ledger and Autotask store it (a signed 64-bit integer above 0); a
# count of units or a line number (at least 1). Larger numbers are refused as bad usage
# instead of overflowing the database driver.
RECORD_ID = DigitsIntRange(1, 2**63 - 1)
COUNT = DigitsIntRange(1, 2**31 - 1)


class Failed(click.ClickException):
    """The operation failed (exit 1)."""

    exit_code = 1


class BadInput(click.ClickException):
    """Bad usage or bad input (exit 2)."""

    exit_code = 2


def settings_or_exit() -> Settings:
    try:
        return load_settings()
    except ConfigError as exc:
        raise BadInput(str(exc)) from None


def ledger_option(ctx: click.Context) -> str | None:
    """`--ledger` on the group (or PROCDESK_LEDGER, which click reads for it).

    A URL with a password, or one that cannot be read, is refused (exit 2) with the same
    words as in the config file."""
    root = ctx.find_root()
    url = (root.obj or {}).get("ledger") if isinstance(root.obj, dict) else None
    problem = None if url is None else ledger_url_problem(url)
    if problem is not None:
        source = root.get_parameter_source("ledger")
        where = "PROCDESK_LEDGER" if source is ParameterSource.ENVIRONMENT else "--ledger"
        raise BadInput(f"{where}: {problem}")
    return url


@asynccontextmanager
async def services(
    ctx: click.Context,
    *,
    settings_source: Callable[[], Settings] | None = None,
    ledger_later: bool = False,
) -> AsyncIterator[Context]:
    """Settings loaded and the ledger open, for the duration of a command (`ledger_later`:
    an up-to-date SQLite ledger opens on first use, see `wiring.open_ledger`)."""
    from procdesk.wiring import open_context  # builds every service: not for `--help`

    ledger_url = ledger_option(ctx)
    settings = settings_or_exit()
    try:
        async with open_context(
            settings,
            ledger_url=ledger_url,
            settings_source=settings_source,
            ledger_later=ledger_later,
        ) as context:
            yield context
    except LedgerError as exc:  # its message carries the URL already masked
        raise Failed(str(exc)) from None


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a command's coroutine; a missing keyring backend, or a ledger found damaged or
    unreachable midway, is a failure with its fix (one `Error:` line, no traceback)."""
    try:
        return asyncio.run(coro)
    except (KeyringUnavailableError, LedgerError) as exc:
        raise Failed(str(exc)) from None


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def to_json(value: object) -> str:
    return json.dumps(value, default=_json_default, ensure_ascii=False)


Rows = Sequence[Mapping[str, Any]] | Sequence[BaseModel]


def _as_dict(row: Mapping[str, Any] | BaseModel) -> dict[str, Any]:
    return row.model_dump() if isinstance(row, BaseModel) else dict(row)


def emit_json(rows: Rows) -> None:
    """A JSON array on stdout and nothing else."""
    click.echo(to_json([_as_dict(row) for row in rows]))


MAX_WIDTH = 40  # columns are clipped to this, except the last one
MIN_WIDTH = 8  # fitting a table to the terminal never narrows a column below this


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, datetime):
        return local_time(value)
    if isinstance(value, Enum):
        return str(value.value)
    return shown(" ".join(str(value).split()))


def terminal_width() -> int:
    """The terminal's width (COLUMNS when set; 100 when there is no terminal)."""
    return shutil.get_terminal_size((100, 24)).columns


def _fit(widths: list[int], flexible: Sequence[int], width: int) -> list[int]:
    """Narrow the flexible columns, widest first, until the line fits `width`."""
    fitted = list(widths)
    excess = sum(fitted) + 2 * (len(fitted) - 1) - width
    while excess > 0:
        candidates = [i for i in flexible if fitted[i] > MIN_WIDTH]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: fitted[i])
        fitted[widest] -= 1
        excess -= 1
    return fitted


def emit_table(
    rows: Rows,
    columns: Sequence[tuple[str, str]],
    *,
    right: Sequence[str] = (),
    fit: Sequence[str] = (),
    wide: bool = False,
) -> None:
    """A plain aligned table for people: columns are (key, heading).

    `right` columns are right-aligned (amounts). With `fit`, the line is kept within the
    terminal's width by narrowing those columns (text clipped with "…"); `wide` prints
    every cell whole."""
    dicts = [_as_dict(row) for row in rows]
    cells = [[_cell(row.get(key)) for key, _ in columns] for row in dicts]
    headings = [heading for _, heading in columns]
    last = len(headings) - 1
    widths = [
        max(len(h), *(len(r[i]) for r in cells)) if cells else len(h)
        for i, h in enumerate(headings)
    ]
    if not wide:
        widths = [w if i == last else min(w, MAX_WIDTH) for i, w in enumerate(widths)]
        if fit:
            flexible = [i for i, (key, _) in enumerate(columns) if key in fit]
            widths = _fit(widths, flexible, terminal_width())
    right_aligned = {i for i, (key, _) in enumerate(columns) if key in right}

    def line(values: Sequence[str]) -> str:
        clipped = [
            v if len(v) <= w else v[: w - 1] + "…" for v, w in zip(values, widths, strict=True)
        ]
        return "  ".join(
            v.rjust(w) if i in right_aligned else v.ljust(w)
            for i, (v, w) in enumerate(zip(clipped, widths, strict=True))
        ).rstrip()

    click.echo(line(headings))
    for row in cells:
        click.echo(line(row))


class CleanText(click.ParamType[str, Any]):
    """Text typed on the command line, held to the same rule as imported text: no control
    or bidirectional characters (bad usage, exit 2, naming the character and place)."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return check_text(str(value))
        except UnsafeTextError as exc:
            self.fail(str(exc), param, ctx)


CLEAN_TEXT = CleanText()

json_option = click.option("--json", "as_json", is_flag=True, help="Print a JSON array only.")
