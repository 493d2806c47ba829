"""`procdesk doctor` on a PostgreSQL ledger: server, migration and connected workers."""

from __future__ import annotations

from datetime import UTC, datetime

from procdesk.services.doctor.model import CheckResult, DoctorEnv, Level
from procdesk.store import workers
from procdesk.store.ledger import to_async_url
from procdesk.store.migrate import current_revision, head_revision
from procdesk.store.pg.server import procdesk_sessions, server_version


async def check_team_ledger(env: DoctorEnv) -> list[CheckResult]:
    if env.ledger is None or env.ledger.dialect != "postgresql":
        return []
    async with env.ledger.read() as conn:
        version = await server_version(conn)
        revision = await current_revision(conn)
        sessions = await procdesk_sessions(conn)
        rows = await workers.list_all(conn)
    now = datetime.now(UTC)
    live = [w for w in rows if w.alive(now)]  # heard from within ALIVE_WITHIN
    head = head_revision()
    results = []
    if env.settings is not None and to_async_url(env.settings.ledger).password:
        results.append(
            CheckResult(
                "ledger password",
                Level.FAIL,
                "the configured ledger URL carries a password: remove it from the config file "
                "and keep it in the keyring (`procdesk auth ledger`) or in ~/.pgpass",
            )
        )
    names = ", ".join(f"{w.id} ({w.actor})" for w in live) or "none"
    connections = sum(sessions.values())
    return [
        *results,
        CheckResult("postgresql server", Level.OK, f"PostgreSQL {version} at {env.ledger.url}"),
        CheckResult(
            "migration version",
            Level.OK if revision == head else Level.FAIL,
            f"{revision} (newest {head})",
        ),
        CheckResult(
            "connected workers",
            Level.OK,
            f"{len(live)} running: {names}; {connections} procdesk sessions open",
        ),
    ]
