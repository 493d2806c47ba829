"""`procdesk auth tdsynnex-xml`, `orders availability --all`, `orders switch`, `orders
substitute` end to end: the CLI, the ledger and the sandbox."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from procdesk.domain.enums import EntityType, OrderStatus
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import MemoryKeyring
from procdesk.store import events
from procdesk.store import orders as order_store
from tests.services.procurement.test_cli import configure, invoke, queue_quote, read
from tests.support.procurement import LineSpec

pytestmark = pytest.mark.usefixtures("sandbox")
XML = DEMO_CREDENTIALS.tdsynnex_xml


def sign_in(sandbox: SandboxServer) -> None:
    configure(sandbox)
    ingram = DEMO_CREDENTIALS.ingram
    assert invoke(
        "auth", "ingram", "--client-id", ingram.client_id, "--customer-number",
        ingram.customer_number, "--country-code", "US", "--stdin",
        stdin=f"{ingram.client_secret}\n",
    ).exit_code == 0  # fmt: skip
    ok = invoke(
        "auth", "tdsynnex-xml", "--base-url", sandbox.provider_urls["tdsynnex_xml"],
        "--customer-number", XML.customer_number, "--username", XML.username, "--stdin",
        stdin=f"{XML.password}\n",
    )  # fmt: skip
    assert ok.exit_code == 0, ok.output


def test_auth_tdsynnex_xml_checks_the_login_live_and_stores_nothing_when_refused(
    sandbox: SandboxServer, keyring_backend: MemoryKeyring
) -> None:
    configure(sandbox)
    bad = invoke(
        "auth", "tdsynnex-xml", "--base-url", sandbox.provider_urls["tdsynnex_xml"],
        "--customer-number", XML.customer_number, "--username", XML.username, "--stdin",
        stdin="wrong-password-DO-NOT-ECHO\n",
    )  # fmt: skip
    assert bad.exit_code == 1
    assert "nothing was stored" in bad.output
    assert "DO-NOT-ECHO" not in bad.output
    assert keyring_backend.values() == []  # nothing stored, under any profile
    good = invoke(
        "auth", "tdsynnex-xml", "--base-url", sandbox.provider_urls["tdsynnex_xml"],
        "--customer-number", XML.customer_number, "--username", XML.username, "--stdin",
        stdin=f"{XML.password}\n",
    )  # fmt: skip
    assert good.exit_code == 0, good.output
    assert "customer 743210" in good.output
    assert XML.password not in good.output
    assert keyring_backend.values() == [XML.password]
    status = {r["provider"]: r for r in json.loads(invoke("auth", "status", "--json").output)}
    assert status["tdsynnex_xml"]["state"] == "ok"


def test_compare_then_switch_then_substitute_from_the_command_line(
    sandbox: SandboxServer, isolated_home: Path
) -> None:
    sign_in(sandbox)
    [order_id] = queue_quote(
        isolated_home,
        "Q-9001",
        [
            LineSpec("USW-PRO-24-POE", "ingram", "2", "645.00", part_number="2HB765"),
            LineSpec("86Q47UT#ABA", "ingram", "1", "899.00", part_number="8YR471"),
        ],
    )
    table = invoke("orders", "availability", str(order_id), "--all")
    assert table.exit_code == 0, table.output
    assert "tdsynnex_xml" in table.output
    assert "preferred" in table.output
    rows = json.loads(invoke("orders", "availability", str(order_id), "--all", "--json").output)
    by_part = {row["manufacturer_part"]: row for row in rows}
    assert by_part["USW-PRO-24-POE"]["advice"] == "switch to tdsynnex_xml"
    line_id = by_part["USW-PRO-24-POE"]["order_line_id"]

    switched = invoke("orders", "switch", str(line_id), "tdsynnex_xml")
    assert switched.exit_code == 0, switched.output
    assert "at tdsynnex_xml" in switched.output
    again = invoke("orders", "switch", str(line_id), "tdsynnex_xml")
    assert again.exit_code == 1
    assert "already at tdsynnex_xml" in again.output

    probook = by_part["86Q47UT#ABA"]["order_line_id"]
    no_reason = invoke("orders", "substitute", str(probook), "LAT5440-I5")
    assert no_reason.exit_code == 2
    done = invoke("orders", "substitute", str(probook), "LAT5440-I5", "--reason", "Dell fleet")
    assert done.exit_code == 0, done.output
    assert "replaced by LAT5440-I5" in done.output

    async def trail(conn: object) -> list[tuple[str, str]]:
        return [(e.action, e.actor) for e in await events.history(conn, EntityType.ORDER, order_id)]  # type: ignore[arg-type]

    actions = read(isolated_home, trail)
    assert ("line_switched_out", "ana") in actions
    assert ("part_substituted", "ana") in actions
    order = read(isolated_home, lambda conn: order_store.get_order(conn, order_id))
    assert order.status == OrderStatus.QUEUED
