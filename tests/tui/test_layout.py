"""The dashboard's layout at every size: a live resize lands where a fresh start at that
size does; at 80x24 every pane shows rows and keeps its amount column whole, the footer's
keys are never cut; at 200x60 the panes fill the screen."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot

from procdesk.domain.enums import Provider
from procdesk.domain.health import Condition, ProviderHealth
from procdesk.services.dashboard.reads import HeaderInfo
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges
from procdesk.tui import probe
from procdesk.tui.app import ProcdeskApp, make_app
from procdesk.tui.formatting import money
from procdesk.tui.screens.help import HelpScreen
from procdesk.tui.widgets.header_bar import HeaderBar, fold, health_text
from procdesk.tui.widgets.key_footer import KeyFooter
from procdesk.tui.widgets.pane import Pane
from procdesk.tui.widgets.pane_grid import PaneGrid
from tests.support.settle import settle

SMALL = (80, 24)
LARGE = (200, 60)


@pytest.fixture
def ledger_url(tmp_path: Path) -> str:
    """Layout is of the screen, not the database: one SQLite ledger is enough."""
    return str(tmp_path / "ledger.db")


def layout(app: ProcdeskApp) -> dict[str, Any]:
    """What decides how the dashboard looks: the grid's layout, each pane's place and the
    columns its table shows, and the keys in the footer."""
    shown: dict[str, Any] = {"wide": app.query_one(PaneGrid).has_class("-wide")}
    for pane in app.panes:
        shown[pane.id or ""] = (
            tuple(pane.region),
            [column.label for column in pane.table.shown_columns],
        )
    shown["footer"] = footer_keys(app)
    return shown


def footer_keys(app: ProcdeskApp) -> list[str]:
    """The footer's keys by their descriptions."""
    return [shown.description for shown in app.screen.query_one(KeyFooter).keys]


async def fresh_layout(app: ProcdeskApp, size: tuple[int, int]) -> dict[str, Any]:
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        return layout(app)


async def resize(app: ProcdeskApp, pilot: Pilot[Any], size: tuple[int, int]) -> None:
    await pilot.resize_terminal(*size)
    await settle(app, pilot)


def rows_on_screen(pane: Pane) -> int:
    """Data rows the pane's table shows (its height less the header line)."""
    table = pane.table
    return min(table.scrollable_content_region.height - 1, table.row_count)


async def test_a_live_resize_lands_on_the_layout_of_a_fresh_start(
    dashboard_app: ProcdeskApp,
) -> None:
    context, options = dashboard_app.context, dashboard_app.options
    large = await fresh_layout(make_app(context, options), LARGE)
    small = await fresh_layout(make_app(context, options), SMALL)
    assert large["wide"]
    assert not small["wide"]

    async with dashboard_app.run_test(size=LARGE) as pilot:
        await settle(dashboard_app, pilot)
        assert layout(dashboard_app) == large
        await resize(dashboard_app, pilot, SMALL)
        assert layout(dashboard_app) == small
        await resize(dashboard_app, pilot, LARGE)
        assert layout(dashboard_app) == large
        # under a modal screen too: the dashboard behind it follows the terminal
        await pilot.press("question_mark")
        await settle(dashboard_app, pilot)
        await resize(dashboard_app, pilot, SMALL)
        await pilot.press("escape")
        await settle(dashboard_app, pilot)
        assert layout(dashboard_app) == small


async def test_at_80x24_each_pane_shows_rows_and_its_money_whole(
    dashboard_app: ProcdeskApp,
) -> None:
    ledger: Ledger = dashboard_app.context.ledger
    big = Decimal("98765432.10")  # wider than the Amount column
    async with ledger.write() as conn:
        await conn.execute(charges.update().where(charges.c.id == 2).values(billable_amount=big))
    async with dashboard_app.run_test(size=SMALL) as pilot:
        await settle(dashboard_app, pilot)
        for pane in dashboard_app.panes:
            assert rows_on_screen(pane) > 3, pane.id
            assert not pane.table.show_horizontal_scrollbar, pane.id
        columns = {p.id: [c.label for c in p.table.shown_columns] for p in dashboard_app.panes}
        assert "Amount" in columns["charges"]
        assert "Value" in columns["orders"]
        assert {"Kind", "Subject", "Message"} <= set(columns["issues"])
        text = probe.screen_text(dashboard_app)
        for pane in dashboard_app.panes[1:2]:  # the charges pane: every amount on screen whole
            for index in range(rows_on_screen(pane)):
                row = pane.table.pages.row(index)
                assert row is not None
                assert money(row.billable_amount) in text
        assert "98,765,432.10" in text


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_the_footer_shows_whole_keys_and_always_help(
    dashboard_app: ProcdeskApp, size: tuple[int, int]
) -> None:
    async with dashboard_app.run_test(size=size) as pilot:
        await settle(dashboard_app, pilot)
        spans = dashboard_app.screen.query_one(KeyFooter).spans
        palette = [span for span in spans if span.key.palette]
        others = [span for span in spans if not span.key.palette]
        assert palette
        assert others
        for span in others:
            assert span.end <= palette[0].start, span.key.description
            assert span.end - span.start == len(span.key.display) + len(span.key.description) + 3
        shown = [span.key.description for span in others]
        assert "Help" in shown
        assert "Approve" in shown  # the focused pane's own action
        text = probe.screen_text(dashboard_app).splitlines()[-1]
        for span in spans:  # each key is drawn where the footer says it is
            assert span.key.description in text[span.start : span.end]


async def test_the_footer_is_ranked_again_when_the_focus_moves(
    dashboard_app: ProcdeskApp,
) -> None:
    """The bindings change with every mount and focus move; the footer's keys are worked
    out again and drawn only when what they show differs."""
    async with dashboard_app.run_test(size=LARGE) as pilot:
        await settle(dashboard_app, pilot)
        footer = dashboard_app.screen.query_one(KeyFooter)
        before = footer.keys
        dashboard_app.screen.refresh_bindings()  # the same keys: nothing to draw again
        await settle(dashboard_app, pilot)
        assert footer.keys is before
        await pilot.press("tab")  # the charges pane: its own keys
        await settle(dashboard_app, pilot)
        assert footer.keys is not before
        shown = footer_keys(dashboard_app)
        assert "Approve" not in shown
        assert "Re-order" in shown
        assert "Re-order" in probe.screen_text(dashboard_app).splitlines()[-1]


async def test_at_200x60_the_panes_fill_the_screen(dashboard_app: ProcdeskApp) -> None:
    async with dashboard_app.run_test(size=LARGE) as pilot:
        await settle(dashboard_app, pilot)
        grid = dashboard_app.query_one(PaneGrid)
        panes = {p.id: p.region for p in dashboard_app.panes}
        assert sum(r.area for r in panes.values()) == grid.region.area
        # the issues pane spans the width under the queue and the charges, side by side
        assert panes["issues"].width == grid.region.width
        assert panes["orders"].y == panes["charges"].y
        assert panes["orders"].right == panes["charges"].x
        charges_pane = dashboard_app.query_one("#charges", Pane)
        assert "Amount" in [c.label for c in charges_pane.table.shown_columns]
        # the issues pane's free text takes the width it has
        issues_columns = {c.label for c in dashboard_app.panes[2].table.shown_columns}
        assert {"Message", "Fix"} <= issues_columns


@pytest.mark.parametrize(
    ("width", "lines"),
    [
        (200, ["procdesk  │  ■ workers stopped  │  ✓ Autotask ok  │  ✗ TD SYNNEX expired"]),
        (60, ["procdesk  │  ■ workers stopped  │  ✓ Autotask ok", "✗ TD SYNNEX expired"]),
        # a segment wider than the line gets a line of its own, whole
        (10, ["procdesk", "■ workers stopped", "✓ Autotask ok", "✗ TD SYNNEX expired"]),
    ],
)
def test_the_header_folds_between_segments(width: int, lines: list[str]) -> None:
    parts = ["procdesk", "■ workers stopped", "✓ Autotask ok", "✗ TD SYNNEX expired"]
    assert fold(parts, width).split("\n") == lines


@pytest.mark.parametrize(
    ("autotask", "rows"),
    [
        (Condition.OK, 4),  # the header takes two lines
        # the longest words there are: three lines, and the panes give up a row each
        (Condition.NOT_ANSWERING, 3),
    ],
)
async def test_at_80x24_the_header_shows_every_providers_health(
    dashboard_app: ProcdeskApp, autotask: Condition, rows: int
) -> None:
    now = dashboard_app.context.clock()
    health = [
        ProviderHealth(provider, condition, "acct", now + timedelta(minutes=45), now, None, ())
        for provider, condition in [
            (Provider.AUTOTASK, autotask),
            (Provider.INGRAM, Condition.EXPIRING),
            (Provider.TDSYNNEX, Condition.EXPIRED),
        ]
    ]
    info = HeaderInfo(1, "running", now, {"used": 120, "limit": 5000}, health)
    async with dashboard_app.run_test(size=SMALL) as pilot:
        await settle(dashboard_app, pilot)
        header = dashboard_app.query_one(HeaderBar)
        header.show(info, now)
        await settle(dashboard_app, pilot)
        text = probe.screen_text(dashboard_app)
        for item in health:
            assert health_text(item, now) in text
        assert header.region.height >= 2
        for pane in dashboard_app.panes:
            assert rows_on_screen(pane) >= rows, pane.id


@pytest.mark.parametrize("size", [LARGE, (160, 32), (160, 31), (159, 60), SMALL])
async def test_the_first_frame_is_drawn_in_the_settled_layout(
    dashboard_app: ProcdeskApp, size: tuple[int, int]
) -> None:
    """The grid starts in the layout its first resize would pick, and the orders table has
    the focus (the footer shows its keys) from the first frame on: nothing is drawn once
    stacked then side by side, or with the filter box's keys and then the table's."""
    first: list[dict[str, Any]] = []

    def shown(screen: object) -> None:
        if not first:
            first.append(
                {
                    "wide": dashboard_app.query_one(PaneGrid).has_class("-wide"),
                    "focus": dashboard_app.focused,
                    "footer": footer_keys(dashboard_app),
                    "footer_line": probe.screen_cells(dashboard_app)[-1],
                }
            )

    probe.watch_frames(dashboard_app, shown)
    async with dashboard_app.run_test(size=size) as pilot:
        await settle(dashboard_app, pilot)
        settled = layout(dashboard_app)
        orders = dashboard_app.query_one("#orders", Pane).table
        assert first, "no frame was drawn"
        assert first[0]["wide"] == settled["wide"]
        assert first[0]["focus"] is orders is dashboard_app.focused
        assert first[0]["footer"] == settled["footer"]
        assert first[0]["footer_line"] == probe.screen_cells(dashboard_app)[-1]


async def test_the_footer_keys_work_with_the_mouse_on_the_dashboard(
    dashboard_app: ProcdeskApp,
) -> None:
    """The pointer on a footer key lights that key alone; a click on `Help` opens help, one
    on the palette's key opens the command palette."""
    async with dashboard_app.run_test(size=LARGE) as pilot:
        await settle(dashboard_app, pilot)
        footer = dashboard_app.screen.query_one(KeyFooter)
        spans = {span.key.description: span for span in footer.spans}
        y = LARGE[1] - 1
        plain = probe.screen_cells(dashboard_app)[-1]
        for described in ("Approve", "Help", "palette"):
            await pilot.hover(None, offset=(spans[described].start, y))
            await settle(dashboard_app, pilot)
            lit = [
                text
                for text, style in probe.screen_cells(dashboard_app)[-1]
                if (text, style) not in plain
            ]
            assert described in "".join(lit)
            assert not {"Filter", "Quit"} & set("".join(lit).split())
        await pilot.click(None, offset=(spans["Help"].start + 1, y))
        await settle(dashboard_app, pilot)
        assert isinstance(dashboard_app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(dashboard_app, pilot)
        await pilot.click(None, offset=(spans["palette"].end - 2, y))
        await settle(dashboard_app, pilot)
        assert isinstance(dashboard_app.screen, CommandPalette)
