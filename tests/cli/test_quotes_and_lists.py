"""`procdesk quotes import|list|show`, `charges list`, `orders list`, `issues list`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from procdesk.domain.enums import EntityType, IssueAction, IssueKind
from procdesk.secrets import SecretStore
from procdesk.store import issues as issue_store
from procdesk.store.ledger import Ledger
from procdesk.wiring import store_ledger_password
from tests.support.cli import json_rows
from tests.support.quotes import CORPUS, EXAMPLES


def test_import_then_one_pending_charge_per_line(procdesk: Callable[..., Result]) -> None:
    result = procdesk("quotes", "import", str(EXAMPLES / "quotes.json"))
    assert result.exit_code == 0, result.stderr
    assert "5 created, 0 updated, 0 unchanged" in result.stdout
    charges = json_rows(procdesk("charges", "list", "--json"))
    assert len(charges) == 11
    assert {c["status"] for c in charges} == {"pending"}
    assert charges[0]["billable_amount"] == "3147.0000"  # exact decimals as text
    human = procdesk("charges", "list").stdout.splitlines()
    assert human[0].split()[:3] == ["ID", "STATUS", "QUOTE"]
    assert len(human) == 12  # the header and one row per charge


def test_reimport_reports_unchanged(procdesk: Callable[..., Result]) -> None:
    procdesk("quotes", "import", str(EXAMPLES / "quotes.csv"))
    rows = json_rows(procdesk("quotes", "import", str(EXAMPLES / "quotes.json"), "--json"))
    assert [(r["quote_id"], r["result"]) for r in rows] == [
        ("Q-1001", "unchanged"),
        ("Q-1002", "unchanged"),
        ("Q-1003", "unchanged"),
        ("Q-1004", "unchanged"),
        ("Q-1006", "unchanged"),
    ]


def test_refused_import_exits_2_with_every_problem(procdesk: Callable[..., Result]) -> None:
    path = CORPUS / "many_errors.json"
    result = procdesk("quotes", "import", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert f"{path}: /quotes/0/status: expected one of" in lines[0]
    assert len([line for line in lines if line.startswith(str(path))]) == 4
    assert lines[-1] == f"Error: {path}: import refused, 4 problem(s); nothing was imported"
    assert json_rows(procdesk("quotes", "list", "--json")) == []


def test_quotes_list_and_show(procdesk: Callable[..., Result]) -> None:
    procdesk("quotes", "import", str(EXAMPLES / "quotes.json"))
    retracted = json_rows(procdesk("quotes", "list", "--status", "retracted", "--json"))
    assert [(q["id"], q["line_count"], q["charge_count"]) for q in retracted] == [("Q-1004", 1, 0)]
    (shown,) = json_rows(procdesk("quotes", "show", "Q-1002", "--json"))
    assert [
        (line["line_number"], line["charge_status"], line["order_status"])
        for line in shown["lines"]
    ] == [
        (1, "pending", "queued"),
        (2, "pending", "queued"),
        (3, "pending", None),
        (4, "pending", "queued"),  # the access point, through TD SYNNEX's XML door
    ]
    assert shown["ship_to"]["city"] == "New York"
    human = procdesk("quotes", "show", "Q-1002").stdout
    assert "PD-Q1002-TD-1" in human
    assert "Company   Contoso Legal LLP" in human
    assert "Ship to" in human
    assert "New York" in human
    assert "{" not in human  # the ship-to is an address, not JSON
    assert ".0000" not in human
    assert "1,138.00" in human  # two access points at 569.00, thousands separated
    missing = procdesk("quotes", "show", "Q-404")
    assert missing.exit_code == 1
    assert "no quote 'Q-404' in the ledger" in missing.stderr


def test_orders_list_and_lines_not_queued(procdesk: Callable[..., Result]) -> None:
    procdesk("quotes", "import", str(EXAMPLES / "quotes.json"))
    orders = json_rows(procdesk("orders", "list", "--json"))
    assert [(o["quote_id"], o["distributor"], o["status"]) for o in orders] == [
        ("Q-1001", "ingram", "queued"),
        ("Q-1002", "ingram", "queued"),
        ("Q-1002", "tdsynnex", "queued"),
        ("Q-1002", "tdsynnex_xml", "queued"),
        ("Q-1003", "ingram", "queued"),
        ("Q-1006", "ingram", "queued"),
    ]
    assert json_rows(procdesk("orders", "list", "--status", "ordered", "--json")) == []
    missing = json_rows(procdesk("orders", "list", "--not-queued", "--json"))
    assert [(m["quote_id"], m["line_number"]) for m in missing] == [("Q-1001", 4), ("Q-1002", 3)]
    assert all("Ingram Micro and TD SYNNEX" in m["reason"] for m in missing)
    footer = procdesk("orders", "list").stdout
    assert "2 accepted quote line(s) not in the queue" in footer


def test_issues_list(procdesk: Callable[..., Result], isolated_home: Path) -> None:
    assert json_rows(procdesk("issues", "list", "--json")) == []

    async def open_one() -> None:
        ledger = await Ledger.open(isolated_home / "ledger.db")
        try:
            async with ledger.write() as conn:
                await issue_store.open_issue(
                    conn,
                    kind=IssueKind.INVALID_BILLING_CODE,
                    subject_type=EntityType.CHARGE,
                    subject_id=7,
                    title="Charge 7: BillingCode does not exist or is invalid",
                    message="BillingCode does not exist or is invalid",
                    hint="Map the category to a Material Cost Code",
                    action=IssueAction.EDIT_BILLING_CODE_MAPPING,
                    actor="t",
                )
        finally:
            await ledger.close()

    asyncio.run(open_one())
    (issue,) = json_rows(procdesk("issues", "list", "--json"))
    assert (issue["kind"], issue["subject_id"]) == ("invalid_billing_code", "7")


@pytest.mark.parametrize("command", [["charges", "list"], ["orders", "list"], ["issues", "list"]])
def test_unreachable_ledger_exits_1_with_masked_url(
    command: list[str], procdesk: Callable[..., Result], secrets: SecretStore
) -> None:
    url = "postgresql://clerk@127.0.0.1:1/procdesk"
    store_ledger_password(secrets, url, "pa55word")
    result = procdesk("--ledger", url, *command)
    assert result.exit_code == 1
    assert "cannot open ledger postgresql+asyncpg://clerk:***@127.0.0.1:1/procdesk" in result.stderr
    assert "pa55word" not in result.stderr + result.stdout


def test_ledger_option_and_env_pick_the_database(
    procdesk: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "team.db"
    procdesk("--ledger", str(chosen), "quotes", "import", str(EXAMPLES / "quotes.json"))
    assert chosen.exists()
    assert json_rows(procdesk("quotes", "list", "--json")) == []  # default ledger: empty
    monkeypatch.setenv("PROCDESK_LEDGER", str(chosen))
    assert len(json_rows(procdesk("quotes", "list", "--json"))) == 5
