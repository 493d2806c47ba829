"""KeyFooter draws its keys in one widget exactly as Textual's Footer draws them with a
FooterKey each (plain, compact, disabled, in another theme, under the pointer), and it
behaves as they do: the key under the pointer lights up and shows its tooltip, a click
presses it (a disabled one does nothing)."""

from __future__ import annotations

from typing import Any

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Footer, Static

from procdesk.tui import probe
from procdesk.tui.widgets.key_footer import KeyFooter

SIZE = (60, 3)
Y = SIZE[1] - 1  # the footer's line


class Keys(App[None]):
    """Three keys (one disabled, one with a tooltip) over either footer."""

    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("s", "sync_now", "Sync now", id="app.sync_now"),  # disabled: drawn dim
        Binding("slash", "filter", "Filter", tooltip="Filter the rows", id="pane.filter"),
    ]

    def __init__(self, footer: type[Footer | KeyFooter], *, compact: bool = False) -> None:
        super().__init__()
        self.footer = footer
        self.compact = compact
        self.pressed: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("rows")
        footer = self.footer()
        footer.compact = self.compact
        yield footer

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "sync_now" else True

    def action_help(self) -> None:
        self.pressed.append("help")

    def action_filter(self) -> None:
        self.pressed.append("filter")

    def action_sync_now(self) -> None:
        self.pressed.append("sync_now")


def tooltip_under_pointer(app: App[Any]) -> str | None:
    """The tooltip Textual shows for the widget under the pointer (its own, or the nearest
    ancestor's)."""
    node = app.mouse_over
    while isinstance(node, Widget):
        if node.tooltip is not None:
            return str(node.tooltip)
        node = node.parent
    return None


NAMED_CELLS = {1, 10, 24, 40, SIZE[0] - 3, SIZE[0] - 1}  # Help, Sync now, Filter, none, palette


def edges(line: list[tuple[str, str]]) -> set[int]:
    """The cells on either side of each change of style along the line."""
    cells, x = set(), 0
    for text, _ in line:
        cells |= {x - 1, x}
        x += cell_len(text)
    return {cell for cell in cells if 0 <= cell < SIZE[0]}


async def seen(
    footer: type[Footer | KeyFooter], *, compact: bool = False, theme: str | None = None
) -> dict[str, Any]:
    """The footer's line, then as it shows with the pointer on the cells on either side of
    each change of style in it (where a key's lit span must start and end) and on the cells
    the tests name, and the tooltip there."""
    app = Keys(footer, compact=compact)
    found: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        if theme:
            app.theme = theme
        await pilot.pause()
        found["line"] = probe.screen_cells(app)[-1]
        for x in edges(found["line"]) | NAMED_CELLS:
            await pilot.hover(None, offset=(x, Y))
            await pilot.pause()
            found[f"line at {x}"] = probe.screen_cells(app)[-1]
            found[f"tooltip at {x}"] = tooltip_under_pointer(app)
        await pilot.hover(Static)
        await pilot.pause()
        found["line after"] = probe.screen_cells(app)[-1]
    return found


def lit(line: list[tuple[str, str]], plain: list[tuple[str, str]]) -> str:
    """The text drawn in another style than without the pointer."""
    return "".join(text for text, style in line if (text, style) not in plain)


@pytest.mark.parametrize(
    ("compact", "theme"), [(False, None), (True, None), (False, "textual-light")]
)
async def test_key_footer_draws_and_lights_up_what_textual_footer_does(
    compact: bool, theme: str | None
) -> None:
    ours = await seen(KeyFooter, compact=compact, theme=theme)
    assert ours == await seen(Footer, compact=compact, theme=theme)
    text = "".join(text for text, _ in ours["line"])
    assert text.startswith("?") if compact else text.startswith(" ? Help  s Sync now  / Filter")
    assert any("dim" in style for text, style in ours["line"] if "Sync" in text)
    plain = ours["line"]
    assert "Help" in lit(ours["line at 1"], plain)
    assert "Filter" in lit(ours["line at 24"], plain)
    assert "palette" in lit(ours[f"line at {SIZE[0] - 3}"], plain)
    assert lit(ours["line at 40"], plain) == ""  # between the keys and the palette's
    assert ours["line after"] == plain


async def test_the_key_under_the_pointer_shows_its_tooltip() -> None:
    ours = await seen(KeyFooter)
    assert ours["tooltip at 1"] is None  # Help has none
    assert ours["tooltip at 24"] == "Filter the rows"
    assert ours["tooltip at 40"] is None
    assert ours[f"tooltip at {SIZE[0] - 1}"] == "Open the command palette"


@pytest.mark.parametrize(("x", "pressed"), [(1, ["help"]), (24, ["filter"]), (10, []), (40, [])])
async def test_a_click_presses_the_key_under_it(x: int, pressed: list[str]) -> None:
    """(x=10 is the disabled key: a bell, no action; x=40 is no key.)"""
    for footer in (KeyFooter, Footer):
        app = Keys(footer)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.click(None, offset=(x, Y))
            await pilot.pause()
            assert app.pressed == pressed, footer
