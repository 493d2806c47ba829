"""Doctor: is the ledger intact (SQLite's integrity check), and is it private?

Runs on the ledger's file even when it could not be opened, so a damaged ledger is
diagnosed rather than reported as "not opened". On PostgreSQL, opening the ledger already
checked its schema revision and tables (the ledger and team checks report them).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from procdesk.services.doctor.model import CheckResult, DoctorEnv, Level
from procdesk.store.backup import integrity_problems
from procdesk.store.files import ledger_files, open_to_others
from procdesk.store.ledger import LedgerError, sqlite_path, to_async_url


def _sqlite_file(env: DoctorEnv) -> Path | None:
    if env.ledger_target is None:
        return None
    try:
        return sqlite_path(to_async_url(env.ledger_target))
    except LedgerError:
        return None


async def check_ledger_integrity(env: DoctorEnv) -> list[CheckResult]:
    path = _sqlite_file(env)
    if path is None or not path.is_file():
        return []
    problems = await asyncio.to_thread(integrity_problems, path)
    if not problems:
        return [CheckResult("ledger integrity", Level.OK, f"{path}: SQLite integrity check ok")]
    shown = "; ".join(problems[:3]) + (
        f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    )
    return [
        CheckResult(
            "ledger integrity",
            Level.FAIL,
            f"{path} is damaged: {shown}; restore a backup with `procdesk ledger restore FILE` "
            "(backups are in the `backups` folder beside the ledger)",
        )
    ]


async def check_private_files(env: DoctorEnv) -> list[CheckResult]:
    """The ledger's folder and files, and the log folder, should be owner-only."""
    path = _sqlite_file(env)
    candidates = ledger_files(path) if path is not None else []
    if env.logs_dir is not None:
        candidates += (
            [env.logs_dir, *sorted(env.logs_dir.glob("*"))] if env.logs_dir.is_dir() else []
        )
    loose = [(p, why) for p in candidates if (why := open_to_others(p)) is not None]
    if not candidates:
        return []
    if not loose:
        return [CheckResult("private files", Level.OK, "ledger and logs are owner-only")]
    return [
        CheckResult(
            "private files",
            Level.WARN,
            f"{p} {why}; it holds customer data: `chmod {'700' if p.is_dir() else '600'} {p}`",
        )
        for p, why in loose
    ]
