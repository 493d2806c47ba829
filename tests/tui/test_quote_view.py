"""The quote view: from a charge or an order (pane or detail) and from the palette's quote
picker, one screen with the quote's header, ship-to and every line's charge and order side
by side; its keys are the charge and order actions, with the same confirmations. And the
re-order of a charge whose quote was withdrawn warns and asks."""

from __future__ import annotations

import json
from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import DataTable, Static

from procdesk.domain.enums import ChargeStatus
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges
from procdesk.tui.app import ProcdeskApp
from procdesk.tui.screens.confirm import ConfirmScreen
from procdesk.tui.screens.detail import DetailScreen
from procdesk.tui.screens.quote import QuoteScreen
from tests.support.dashboard import ids_where, press, press_on, row, running
from tests.support.quotes import EXAMPLES
from tests.support.settle import settle


async def _charge_of(ledger: Ledger, quote_id: str) -> int:
    return (await ids_where(ledger, "charges", charges.c.quote_id == quote_id))[0]


def _cells(screen: QuoteScreen) -> list[list[str]]:
    table: DataTable[str] = screen.query_one(DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_w_on_a_charge_opens_its_quote_with_charges_and_orders_side_by_side(
    imported: ProcdeskApp, ledger: Ledger
) -> None:
    charge_id = await _charge_of(ledger, "Q-1002")
    async with running(imported) as pilot:
        await press_on(imported, pilot, "charges", charge_id, "w")
        screen = imported.screen
        assert isinstance(screen, QuoteScreen)
        facts = str(screen.query_one("#quote-facts", Static).content)
        assert "Quote Q-1002 — Replace failed core switch" in facts
        assert "Company   Contoso Legal LLP" in facts
        ship_to = str(screen.query_one("#quote-ship-to", Static).content)
        assert "New York" in ship_to
        assert "{" not in ship_to
        rows = _cells(screen)
        assert len(rows) == 4
        assert [r[6].split(" #")[0] for r in rows] == ["◷ pending"] * 4  # every charge
        assert rows[0][8].startswith("… queued #")  # its order, beside it
        assert rows[2][8] == "— ordered outside procdesk"  # not an orderable distributor
        assert not any(".0000" in cell for r in rows for cell in r)
        await press(imported, pilot, "escape")
        assert not isinstance(imported.screen, QuoteScreen)


async def test_cancel_from_the_quote_view_asks_and_backing_out_changes_nothing(
    imported: ProcdeskApp, ledger: Ledger
) -> None:
    charge_id = await _charge_of(ledger, "Q-1002")
    async with running(imported) as pilot:
        await press_on(imported, pilot, "charges", charge_id, "w")
        await press(imported, pilot, "x")
        confirm = imported.screen
        assert isinstance(confirm, ConfirmScreen)
        assert confirm.title_text == "Cancel 1 charge?"
        await press(imported, pilot, "escape")
        assert isinstance(imported.screen, QuoteScreen)
        assert (await row(ledger, "charges", charge_id)).status == ChargeStatus.PENDING

        await press(imported, pilot, "x")
        assert isinstance(imported.screen, ConfirmScreen)
        await press(imported, pilot, *"customer changed mind", "enter")
        screen = imported.screen
        assert isinstance(screen, QuoteScreen)
        assert _cells(screen)[0][6] == f"⊘ cancelled #{charge_id}"  # read again after it
    assert (await row(ledger, "charges", charge_id)).status == ChargeStatus.CANCELLED


async def test_the_palette_picker_opens_a_quote(imported: ProcdeskApp) -> None:
    async with running(imported) as pilot:
        await pilot.press("ctrl+p")
        await settle(imported, pilot)
        await pilot.press(*"quotes")
        await settle(imported, pilot)
        await press(imported, pilot, "enter")  # the picker entry comes first
        assert isinstance(imported.screen, CommandPalette)  # now listing the quotes
        await pilot.press(*"Q-1003")
        await settle(imported, pilot)
        await press(imported, pilot, "enter")
        screen = imported.screen
        assert isinstance(screen, QuoteScreen)
        assert screen.quote_id == "Q-1003"


async def test_w_on_a_detail_opens_its_quote(imported: ProcdeskApp, ledger: Ledger) -> None:
    charge_id = await _charge_of(ledger, "Q-1001")
    async with running(imported) as pilot:
        await press_on(imported, pilot, "charges", charge_id, "enter")
        assert isinstance(imported.screen, DetailScreen)
        await press(imported, pilot, "w")
        screen = imported.screen
        assert isinstance(screen, QuoteScreen)
        assert screen.quote_id == "Q-1001"


async def _withdraw(app: ProcdeskApp, tmp_path: Path, quote_id: str) -> None:
    """The quoting source says the customer retracted the quote: its charges cancel."""
    data = json.loads((EXAMPLES / "quotes.json").read_text(encoding="utf-8"))
    for quote in data["quotes"]:
        if quote["id"] == quote_id:
            quote["status"] = "retracted"
    path = tmp_path / "retracted.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    await app.context.quote_importer().import_file(path)


async def test_reorder_of_a_withdrawn_quote_warns_and_asks(
    imported: ProcdeskApp, ledger: Ledger, tmp_path: Path
) -> None:
    await _withdraw(imported, tmp_path, "Q-1001")
    charge_id = await _charge_of(ledger, "Q-1001")
    assert (await row(ledger, "charges", charge_id)).status == ChargeStatus.CANCELLED
    before = await ids_where(ledger, "charges", charges.c.quote_id == "Q-1001")
    async with running(imported) as pilot:
        await press_on(imported, pilot, "charges", charge_id, "n")
        confirm = imported.screen
        assert isinstance(confirm, ConfirmScreen)
        assert confirm.title_text == "Re-order 1 charge of a withdrawn quote?"
        assert "The customer withdrew the quote: Q-1001 (retracted)" in confirm.body
        await press(imported, pilot, "n")  # backs out
        assert await ids_where(ledger, "charges", charges.c.quote_id == "Q-1001") == before

        await press(imported, pilot, "n")  # asked again
        assert isinstance(imported.screen, ConfirmScreen)
        await press(imported, pilot, "y")  # this time yes
    after = await ids_where(ledger, "charges", charges.c.quote_id == "Q-1001")
    assert len(after) == len(before) + 1
    assert (await row(ledger, "charges", max(after))).status == ChargeStatus.PENDING
