"""The procurement commands end to end: the CLI, the ledger and the sandbox."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from procdesk.cli.main import cli
from procdesk.domain.enums import EntityType, OrderStatus, Provider
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import MemoryKeyring
from procdesk.store import credentials, events
from procdesk.store import orders as order_store
from procdesk.store.ledger import Ledger
from tests.support.procurement import LineSpec, insert_quote, portal_refresh_token

pytestmark = pytest.mark.usefixtures("sandbox")


def invoke(*args: str, stdin: str | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def ledger_path(home: Path) -> Path:
    return home / "ledger.db"


def queue_quote(home: Path, quote_id: str, specs: list[LineSpec]) -> list[int]:
    async def go() -> list[int]:
        ledger = await Ledger.open(ledger_path(home))
        try:
            quote, lines = await insert_quote(ledger, quote_id, specs)
            async with ledger.write() as conn:
                return await order_store.queue_quote_lines(
                    conn, quote=quote, lines=lines, actor="import", now=quote.imported_at
                )
        finally:
            await ledger.close()

    return asyncio.run(go())


def read(home: Path, query: Any) -> Any:
    async def go() -> Any:
        ledger = await Ledger.open(ledger_path(home))
        try:
            async with ledger.read() as conn:
                return await query(conn)
        finally:
            await ledger.close()

    return asyncio.run(go())


def configure(sandbox: SandboxServer) -> None:
    for key, value in (
        ("user.name", "ana"),
        ("ingram.base_url", sandbox.provider_urls["ingram"]),
        ("tdsynnex.base_url", sandbox.provider_urls["tdsynnex"]),
        ("tdsynnex.account_id", DEMO_CREDENTIALS.tdsynnex.account_id),
    ):
        assert invoke("config", "set", key, value).exit_code == 0


def test_auth_tdsynnex_refuses_a_bad_token_without_echoing_it_then_accepts_a_fresh_one(
    sandbox: SandboxServer, isolated_home: Path, keyring_backend: MemoryKeyring
) -> None:
    configure(sandbox)
    bad = invoke("auth", "tdsynnex", "--stdin", stdin="spent-token-DO-NOT-ECHO\n")
    assert bad.exit_code == 1
    assert "refused" in bad.output
    assert "spent-token-DO-NOT-ECHO" not in bad.output
    assert keyring_backend.values() == []

    fresh = portal_refresh_token(sandbox)
    good = invoke("auth", "tdsynnex", "--stdin", stdin=f"{fresh}\n")
    assert good.exit_code == 0, good.output
    assert "verified and stored" in good.output
    assert fresh not in good.output
    [stored] = keyring_backend.values()
    assert stored != fresh  # the rotated token

    row = read(isolated_home, lambda conn: credentials.get(conn, Provider.TDSYNNEX))
    assert row.state == "ok"
    assert row.refresh_expires_at is not None


def test_auth_ingram_with_wrong_secret_says_why(sandbox: SandboxServer) -> None:
    configure(sandbox)
    demo = DEMO_CREDENTIALS.ingram
    result = invoke(
        "auth",
        "ingram",
        "--client-id",
        demo.client_id,
        "--customer-number",
        demo.customer_number,
        "--country-code",
        "US",
        "--stdin",
        stdin="wrong-secret-XYZ\n",
    )
    assert result.exit_code == 1
    assert "wrong-secret-XYZ" not in result.output
    ok = invoke(
        "auth",
        "ingram",
        "--client-id",
        demo.client_id,
        "--customer-number",
        demo.customer_number,
        "--country-code",
        "US",
        "--stdin",
        stdin=f"{demo.client_secret}\n",
    )
    assert ok.exit_code == 0, ok.output
    assert invoke("config", "show").output.count(demo.customer_number) >= 1


def test_order_actions_are_events_with_the_actor(
    sandbox: SandboxServer, isolated_home: Path
) -> None:
    configure(sandbox)
    big = LineSpec("HP-PROBOOK", "ingram", "6", "899.00", part_number="8YR471")
    [first] = queue_quote(isolated_home, "Q-6001", [big])
    [second] = queue_quote(isolated_home, "Q-6002", [big])
    [third] = queue_quote(isolated_home, "Q-6003", [LineSpec("X", "ingram", part_number="8YR471")])

    suggested = invoke("orders", "merge")
    assert f"procdesk orders merge {first} {second} {third}" in suggested.output
    merged = invoke("orders", "merge", str(first), str(second))
    assert merged.exit_code == 0, merged.output
    assert f"merged into order {first}" in merged.output

    refused = invoke("orders", "submit", str(first))  # 10,788 > 5,000: needs approval
    assert refused.exit_code == 1
    assert "approval" in refused.output

    cancelled = invoke("orders", "cancel", str(third), "--reason", "duplicate")
    assert cancelled.exit_code == 0, cancelled.output

    async def trail(conn: Any) -> list[tuple[str, str]]:
        return [(e.action, e.actor) for e in await events.history(conn, EntityType.ORDER, third)]

    assert ("cancelled", "ana") in read(isolated_home, trail)
    order = read(isolated_home, lambda conn: order_store.get_order(conn, third))
    assert order.status == OrderStatus.CANCELLED


def test_availability_reports_each_line_against_the_quote(
    sandbox: SandboxServer, isolated_home: Path
) -> None:
    configure(sandbox)
    demo = DEMO_CREDENTIALS.ingram
    assert (
        invoke(
            "auth",
            "ingram",
            "--client-id",
            demo.client_id,
            "--customer-number",
            demo.customer_number,
            "--country-code",
            "US",
            "--stdin",
            stdin=f"{demo.client_secret}\n",
        ).exit_code
        == 0
    )
    [order_id] = queue_quote(
        isolated_home,
        "Q-6004",
        [
            LineSpec("HP-PROBOOK", "ingram", "1", "899.00", part_number="8YR471"),
            LineSpec("UNIFI-24", "ingram", "1", "629.00", part_number="2HB765"),
        ],
    )
    result = invoke("orders", "availability", str(order_id), "--json")
    assert result.exit_code == 0, result.output
    rows = {row["part_number"]: row for row in json.loads(result.output)}
    assert rows["8YR471"]["problem"] is None
    assert rows["2HB765"]["problem"] == "product_unavailable"


def test_doctor_checks_each_configured_distributor_live(sandbox: SandboxServer) -> None:
    configure(sandbox)
    fresh = portal_refresh_token(sandbox)
    assert invoke("auth", "tdsynnex", "--stdin", stdin=f"{fresh}\n").exit_code == 0
    result = invoke("doctor", "--json")
    checks = {row["check"]: row for row in json.loads(result.output)}
    assert checks["tdsynnex live"]["level"] == "ok"
    assert "refresh token" in checks["tdsynnex live"]["detail"]
    assert "ingram live" not in checks  # not configured: the setup check says so


@pytest.mark.parametrize("as_json", [[], ["--json"]])
def test_availability_with_no_distributor_to_ask_fails(
    sandbox: SandboxServer, isolated_home: Path, as_json: list[str]
) -> None:
    """Nothing configured, nobody asked: a failure in both forms (with --json it printed
    every line as unavailable and exited 0)."""
    [order_id] = queue_quote(
        isolated_home, "Q-6005", [LineSpec("HP-PROBOOK", "ingram", "1", "899.00")]
    )
    result = invoke("orders", "availability", str(order_id), "--all", *as_json)
    assert result.exit_code == 1, result.output
    assert "Error: no distributor could be asked" in result.stderr
    assert "ingram:" in result.stderr
    if as_json:
        assert result.stdout == ""
