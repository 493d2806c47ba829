"""One truth for provider health: header, `auth status` and `doctor` agree on every state.

Each case writes the ledger facts the workers write (credential state, open issues, token
lifetimes), then reads every surface: the dashboard header's text, `procdesk auth status
--json` and `procdesk doctor --json`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import Result
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import (
    CredentialState,
    Distributor,
    EntityType,
    IssueAction,
    IssueKind,
    Provider,
)
from procdesk.domain.health import Condition, provider_health
from procdesk.services.auth.credentials import CredentialService
from procdesk.services.auth.health import PROVIDER_TITLE
from procdesk.services.dashboard.reads import DashboardService
from procdesk.services.procurement.outcomes import pause
from procdesk.store import credentials as credential_store
from procdesk.store import issues as issue_store
from procdesk.store.ledger import Ledger
from procdesk.tui.widgets.header_bar import describe
from tests.support.cli import json_rows

Setup = Callable[[Ledger, AsyncConnection, datetime], Awaitable[None]]


async def _ok(provider: Provider, conn: AsyncConnection, now: datetime, **expiry: datetime) -> None:
    await credential_store.put(
        conn, provider, state=CredentialState.OK, now=now, verified=True, **expiry
    )


async def autotask_ok(ledger: Ledger, conn: AsyncConnection, now: datetime) -> None:
    await _ok(Provider.AUTOTASK, conn, now)


async def tdsynnex_refresh_expiring(ledger: Ledger, conn: AsyncConnection, now: datetime) -> None:
    await _ok(Provider.TDSYNNEX, conn, now, refresh_expires_at=now + timedelta(minutes=45))


async def ingram_token_ending(ledger: Ledger, conn: AsyncConnection, now: datetime) -> None:
    """Ingram's access token renews itself from the stored secret: nothing to warn about."""
    await _ok(Provider.INGRAM, conn, now, token_expires_at=now + timedelta(minutes=45))


async def tdsynnex_refresh_ran_out(ledger: Ledger, conn: AsyncConnection, now: datetime) -> None:
    await _ok(Provider.TDSYNNEX, conn, now, refresh_expires_at=now - timedelta(hours=2))


async def tdsynnex_expired(ledger: Ledger, conn: AsyncConnection, now: datetime) -> None:
    await pause(
        conn,
        Distributor.TDSYNNEX,
        state=CredentialState.EXPIRED,
        message="refresh token expired",
        actor="test",
        now=now,
    )


async def ingram_invalid_customer(ledger: Ledger, conn: AsyncConnection, now: datetime) -> None:
    await pause(
        conn,
        Distributor.INGRAM,
        state=CredentialState.INVALID,
        message="Invalid customer number",
        actor="test",
        now=now,
        kind=IssueKind.INVALID_CUSTOMER_NUMBER,
    )


async def autotask_not_answering(ledger: Ledger, conn: AsyncConnection, now: datetime) -> None:
    await _ok(Provider.AUTOTASK, conn, now)
    await issue_store.open_issue(
        conn,
        kind=IssueKind.AUTOTASK_UNAVAILABLE,
        subject_type=EntityType.PROVIDER,
        subject_id="autotask",
        title="Autotask is not answering",
        message="503 Service Unavailable",
        hint="",
        action=IssueAction.RETRY,
        actor="test",
        provider=Provider.AUTOTASK,
        now=now,
    )


@dataclass(frozen=True)
class Case:
    setup: Setup
    provider: Provider
    condition: Condition
    header: str  # what the header says about the provider
    doctor: str  # the doctor's level


async def autotask_rejected(ledger: Ledger, conn: AsyncConnection, now: datetime) -> None:
    """Written through the service (its own transaction), after the setup's commit."""


CASES = {
    "ok": Case(autotask_ok, Provider.AUTOTASK, Condition.OK, "✓ Autotask ok", "ok"),
    "expiring": Case(
        tdsynnex_refresh_expiring,
        Provider.TDSYNNEX,
        Condition.EXPIRING,
        "⚠ TD SYNNEX expires in 4",
        "warn",
    ),
    "token renews itself": Case(
        ingram_token_ending, Provider.INGRAM, Condition.OK, "✓ Ingram ok", "ok"
    ),
    "refresh ran out": Case(
        tdsynnex_refresh_ran_out,
        Provider.TDSYNNEX,
        Condition.EXPIRED,
        "✗ TD SYNNEX expired",
        "fail",
    ),
    "expired": Case(
        tdsynnex_expired, Provider.TDSYNNEX, Condition.EXPIRED, "✗ TD SYNNEX expired", "fail"
    ),
    "rejected": Case(
        autotask_rejected,
        Provider.AUTOTASK,
        Condition.REJECTED,
        "✗ Autotask login rejected",
        "fail",
    ),
    "not answering": Case(
        autotask_not_answering,
        Provider.AUTOTASK,
        Condition.NOT_ANSWERING,
        "⚠ Autotask not answering",
        "warn",
    ),
    "invalid customer number": Case(
        ingram_invalid_customer,
        Provider.INGRAM,
        Condition.INVALID_CUSTOMER_NUMBER,
        "✗ Ingram invalid customer number",
        "fail",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_every_surface_tells_the_same_state(
    name: str, procdesk: Callable[..., Result], isolated_home: Path
) -> None:
    case = CASES[name]
    path = isolated_home / "health.db"

    async def write_and_read_header() -> str:
        ledger = await Ledger.open(str(path))
        try:
            now = datetime.now(UTC)
            async with ledger.write() as conn:
                await case.setup(ledger, conn, now)
            if case.condition is Condition.REJECTED:
                await CredentialService(ledger, actor="test").mark_failed(
                    Provider.AUTOTASK, CredentialState.INVALID, "Unauthorized"
                )
            info = await DashboardService(ledger).header(datetime.now(UTC))
        finally:
            await ledger.close()
        text, alert = describe(info, datetime.now(UTC))
        assert alert is (case.condition is not Condition.OK)
        return text

    header = asyncio.run(write_and_read_header())
    assert case.header in header
    others = [p for p in Provider if p is not case.provider]

    status = {
        r["provider"]: r
        for r in json_rows(procdesk("--ledger", str(path), "auth", "status", "--json"))
    }
    assert status[case.provider.value]["state"] == case.condition.value
    assert status[case.provider.value]["summary"] in header
    for other in others:
        assert status[other.value]["state"] == Condition.UNCHECKED.value

    doctor = procdesk("--ledger", str(path), "doctor", "--json")
    checks = {r["check"]: r for r in json_rows(doctor)}
    check = checks[f"{case.provider.value} health"]
    assert check["level"] == case.doctor
    assert status[case.provider.value]["summary"] in check["detail"]
    assert (doctor.exit_code == 1) is (case.doctor == "fail")


NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_a_more_specific_cause_wins_and_outages_never_hide_a_rejected_login() -> None:
    from procdesk.domain.credential import CredentialRecord
    from procdesk.domain.issue import Issue

    def issue(i: int, kind: IssueKind, provider: Provider) -> Issue:
        return Issue(
            id=i,
            kind=kind,
            subject_type=EntityType.CREDENTIAL,
            subject_id=provider.value,
            status="open",
            provider=provider,
            title="t",
            message=f"m{i}",
            hint="",
            action=IssueAction.NONE,
            first_seen=NOW,
            last_seen=NOW,
        )

    invalid = CredentialRecord(
        provider=Provider.INGRAM, state=CredentialState.INVALID, updated_at=NOW
    )
    both = [
        issue(1, IssueKind.DISTRIBUTOR_UNAVAILABLE, Provider.INGRAM),
        issue(2, IssueKind.INVALID_CUSTOMER_NUMBER, Provider.INGRAM),
        issue(3, IssueKind.CREDENTIALS_INVALID, Provider.AUTOTASK),
    ]
    health = provider_health(Provider.INGRAM, invalid, both, NOW)
    assert health.condition is Condition.INVALID_CUSTOMER_NUMBER
    assert health.reason == "m2"
    assert health.issue_ids == (1, 2)  # never another provider's issue
    # the issue was dismissed, the credential is still refused: still rejected
    assert provider_health(Provider.INGRAM, invalid, [], NOW).condition is Condition.REJECTED
    assert provider_health(Provider.INGRAM, None, [], NOW).condition is Condition.UNCHECKED


def test_every_provider_has_a_title_for_doctor_and_the_screens() -> None:
    """`doctor` names each checked provider by this title; a provider without one (the TD
    SYNNEX XML door, once verified) must not crash it."""
    assert set(PROVIDER_TITLE) == set(Provider)
