"""The command line reads like the dashboard: money with two decimals and thousands
separators, quantities without trailing zeros, details in sections with labels (never
column names or internals), `issues list` within the terminal's width, and options that
offer only what applies."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from procdesk.domain.enums import EntityType, IssueAction, IssueKind
from procdesk.domain.remediation import CHARGE_ERROR_KINDS
from procdesk.store import issues as issue_store
from procdesk.store.ledger import Ledger
from tests.support.cli import json_rows
from tests.support.quotes import EXAMPLES

FOUR_PLACES = re.compile(r"(?<![\w.])\d[\d,]*\.\d{4}\b")  # 5862.2000, not T20261120.0001
INTERNALS = ("marker", "lease_owner", "lease_until", "send_started_at", "error_kind", "ship_to")


@pytest.fixture
def imported(procdesk: Callable[..., Result]) -> Callable[..., Result]:
    assert procdesk("quotes", "import", str(EXAMPLES / "quotes.json")).exit_code == 0
    return procdesk


def test_lists_print_money_and_quantities_for_people(imported: Callable[..., Result]) -> None:
    exact = json_rows(imported("charges", "list", "--json"))
    assert exact[0]["billable_amount"] == "3147.0000"  # scripts keep the exact value
    human = imported("charges", "list").stdout
    assert "3,147.00" in human
    assert not FOUR_PLACES.search(human)
    orders = imported("orders", "list").stdout
    assert not FOUR_PLACES.search(orders)
    assert re.search(r"\d{1,3}(,\d{3})*\.\d{2}\b", orders)


def test_charges_show_is_the_detail_in_sections(imported: Callable[..., Result]) -> None:
    charge = json_rows(imported("charges", "list", "--json"))[0]
    result = imported("charges", "show", str(charge["id"]))
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith(f"Charge {charge['id']} — ")
    for section in ("What it is", "Where it stands", "What went wrong", "History"):
        assert f"\n{section}\n" in text
    assert f"Company     {charge['company_name']}" in text
    assert "Amount      USD 3,147.00" in text
    assert "In Autotask" in text
    assert not FOUR_PLACES.search(text)
    for internal in INTERNALS:
        assert internal not in text
    missing = imported("charges", "show", "9999")
    assert missing.exit_code == 1
    assert "no charge 9999 in the ledger" in missing.stderr


def test_orders_show_has_lines_and_the_ship_to_as_an_address(
    imported: Callable[..., Result],
) -> None:
    order = json_rows(imported("orders", "list", "--json"))[0]
    text = imported("orders", "show", str(order["id"])).stdout
    assert f"Order {order['id']} — Ingram Micro for {order['company_name']}" in text
    assert "\nLines\n" in text
    assert "Ship to" in text
    assert "{" not in text
    for internal in INTERNALS:
        assert internal not in text
    as_json = imported("orders", "show", str(order["id"]), "--json")
    assert as_json.exit_code == 0
    assert '"order_id"' in as_json.stdout  # scripts keep the purchase-order view


def _open_issues(home: Path, count: int) -> None:
    async def go() -> None:
        ledger = await Ledger.open(home / "ledger.db")
        try:
            async with ledger.write() as conn:
                for n in range(1, count + 1):
                    await issue_store.open_issue(
                        conn,
                        kind=IssueKind.CHARGE_VALIDATION,
                        subject_type=EntityType.CHARGE,
                        subject_id=n,
                        title=f"Charge {n}: Autotask refused it " + "because of a rule " * 6,
                        message="refused",
                        hint="Read what Autotask said, fix the quote line, retry. " * 3,
                        action=IssueAction.RETRY,
                        actor="t",
                    )
        finally:
            await ledger.close()

    asyncio.run(go())


@pytest.mark.parametrize("columns", [80, 120])
def test_issues_list_fits_the_terminal(
    columns: int,
    procdesk: Callable[..., Result],
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    procdesk("charges", "list")  # makes the ledger
    _open_issues(isolated_home, 3)
    monkeypatch.setenv("COLUMNS", str(columns))
    lines = procdesk("issues", "list").stdout.splitlines()
    assert lines[0].split() == ["ID", "ABOUT", "SEEN", "PROBLEM", "FIX"]
    assert len(lines) == 4
    assert all(len(line) <= columns for line in lines), [len(line) for line in lines]
    assert "charge 1" in lines[1]
    assert "…" in lines[1]  # the long title is clipped, visibly


def test_issues_list_wide_prints_everything(
    procdesk: Callable[..., Result], isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    procdesk("charges", "list")
    _open_issues(isolated_home, 1)
    monkeypatch.setenv("COLUMNS", "80")
    text = procdesk("issues", "list", "--wide").stdout
    assert "because of a rule " * 6 in text
    assert "procdesk charges retry 1" in text
    assert "WHAT TO DO" in text


def test_charges_retry_kind_offers_only_charge_causes(procdesk: Callable[..., Result]) -> None:
    help_text = procdesk("charges", "retry", "--help").stdout
    for kind in CHARGE_ERROR_KINDS:
        assert kind.value in help_text
    for order_only in ("stuck_processing", "invalid_customer_number", "product_unavailable"):
        assert order_only not in help_text
    refused = procdesk("charges", "retry", "--all-errors", "--kind", "stuck_processing")
    assert refused.exit_code == 2
    assert "stuck_processing" in refused.stderr
