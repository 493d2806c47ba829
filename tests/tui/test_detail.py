"""The detail view (enter): every field, the raw provider error, the hint, an order's lines
and the audit trail; `c` copies it all. Copy row/cell and export of the current view."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from procdesk.domain.enums import IssueKind
from procdesk.domain.remediation import REMEDIES
from procdesk.services.display import money, quantity
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges
from procdesk.tui.app import ProcdeskApp
from procdesk.tui.screens.cell_picker import CellPickerScreen
from procdesk.tui.screens.detail import DetailScreen
from tests.support.dashboard import (
    detail_text,
    ids_where,
    notes,
    press,
    press_on,
    procurement_dashboard,
    put_cursor,
    row,
    running,
)
from tests.support.procurement import LineSpec, Procurement


async def test_charge_detail_is_written_for_people_and_copies(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    kind = IssueKind.INVALID_BILLING_CODE
    charge_id = (await ids_where(seeded_ledger, "charges", charges.c.error_kind == kind.value))[0]
    charge = await row(seeded_ledger, "charges", charge_id)
    async with running(dashboard_app) as pilot:
        # something on the audit trail by this person
        await press_on(dashboard_app, pilot, "charges", charge_id, "r")
        await press(dashboard_app, pilot, "enter")
        screen = dashboard_app.screen
        assert isinstance(screen, DetailScreen)
        text = screen.report.text
        assert screen.report.title == f"charge {charge_id}"
        for section in ("What it is", "Where it stands", "What went wrong", "History"):
            assert f"\n{section}\n" in text
        assert f"  Company     {charge.company_name}" in text
        assert f"  Quantity    {quantity(charge.quantity)}" in text
        assert f"  Amount      USD {money(charge.billable_amount)}" in text
        assert "  In Autotask " in text
        assert f"  The provider said:\n    {charge.last_error}" in text
        assert REMEDIES[kind].hint.split()[0] in text
        assert "r  retry" in text  # the keys that act on it
        assert "tester  asked to send it again" in text  # the history, with the actor
        for internal in ("marker", "lease_owner", "send_started_at", "error_kind", "search_text"):
            assert internal not in text
        assert ".0000" not in text
        await pilot.press("c")
        assert dashboard_app.clipboard == text
        await pilot.press("escape")
        assert not isinstance(dashboard_app.screen, DetailScreen)


async def test_order_detail_lists_lines_ship_to_and_the_distributors_status(
    procurement: Procurement,
) -> None:
    [order_id] = await procurement.queue(
        "Q-1", [LineSpec("HP-PROBOOK", "ingram", "2", "899.00", part_number="8YR471")]
    )
    app = procurement_dashboard(procurement)
    async with running(app) as pilot:
        await press_on(app, pilot, "orders", order_id, "enter")
        text = detail_text(app)
    assert "Distributor    Ingram Micro (Ingram Micro reseller API)" in text
    assert "Value          USD 1,798.00" in text
    assert "\nLines\n  Line id  #  SKU         Part    Qty  Unit price  Amount    State" in text
    assert "  1        1  HP-PROBOOK  8YR471  2    899.00      1,798.00  queued" in text
    assert "At Ingram Micro  not placed yet" in text
    assert "Ship to" in text
    assert "{" not in text  # the address reads as an address, not JSON
    assert "ship_to_key" not in text


async def test_copy_row_as_tsv_and_one_cell(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    charge = await row(seeded_ledger, "charges", 5)
    async with running(dashboard_app) as pilot:
        await put_cursor(dashboard_app, pilot, "charges", 5)
        await pilot.press("y")
        cells = dashboard_app.clipboard.split("\t")
        assert cells[0] == "5"
        assert cells[3] == charge.company_name
        assert notes(dashboard_app)[-1][1] == "Copied row 5 (tab-separated)"
        await press(dashboard_app, pilot, "Y")
        assert isinstance(dashboard_app.screen, CellPickerScreen)
        await press(dashboard_app, pilot, "down", "down", "down", "enter")  # Company
        assert dashboard_app.clipboard == charge.company_name


async def test_export_the_filtered_sorted_view_to_csv_and_json(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger, documents_dir: Path
) -> None:
    errors = await ids_where(seeded_ledger, "charges", charges.c.status == "error")
    async with running(dashboard_app) as pilot:
        # errors only, sorted by status then id
        await press_on(dashboard_app, pilot, "charges", 1, "3", "o", "o")
        await press(dashboard_app, pilot, "e")
        await press(dashboard_app, pilot, "E")
        done = [m for _, m in notes(dashboard_app) if m.startswith("Exported")]
    assert len(done) == 2
    exported = sorted((documents_dir / "procdesk").iterdir())
    assert [p.suffix for p in exported] == [".csv", ".json"]
    assert all(str(p) in " ".join(done) for p in exported)
    with exported[0].open(newline="") as f:
        table = list(csv.DictReader(f))
    assert [int(r["id"]) for r in table] == errors
    assert {r["status"] for r in table} == {"error"}
    items = json.loads(exported[1].read_text())
    assert [item["id"] for item in items] == errors
    assert (
        items[0]["billable_amount"]
        == f"{(await row(seeded_ledger, 'charges', errors[0])).billable_amount:f}"
    )
