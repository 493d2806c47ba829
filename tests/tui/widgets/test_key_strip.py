"""The first frame's KeyStrip draws the footer's keys cell for cell as FooterKeys draw them,
disabled keys too, and a click on one of its keys presses that key."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets._footer import FooterKey

from procdesk.tui import probe
from procdesk.tui.widgets.key_footer import KeyStrip, ShownKey

KEYS = (
    ShownKey("question_mark", "?", "Help", "help", True, ""),
    ShownKey("s", "s", "Sync now", "sync_now", False, ""),  # disabled: drawn dim
    ShownKey("slash", "/", "Filter", "filter", True, ""),
)


class Keys(App[None]):
    """A row holding either a KeyStrip or one FooterKey per key (not compact, as in the
    dashboard's footer)."""

    CSS = "Horizontal { dock: bottom; height: 1; }"
    BINDINGS = [(shown.key, shown.action, shown.description) for shown in KEYS]

    def __init__(self, strip: bool) -> None:
        super().__init__()
        self.strip = strip
        self.pressed: list[str] = []

    def compose(self) -> ComposeResult:
        with Horizontal():
            if self.strip:
                strip = KeyStrip(KEYS)
                strip.set_reactive(FooterKey.compact, False)
                yield strip
                return
            for shown in KEYS:
                key = FooterKey(
                    shown.key, shown.display, shown.description, shown.action, not shown.enabled
                )
                key.set_reactive(FooterKey.compact, False)
                yield key

    def action_help(self) -> None:
        self.pressed.append("help")

    def action_filter(self) -> None:
        self.pressed.append("filter")

    def action_sync_now(self) -> None:
        self.pressed.append("sync_now")


async def footer_line(strip: bool) -> list[tuple[str, str]]:
    app = Keys(strip)
    async with app.run_test(size=(60, 3)) as pilot:
        await pilot.pause()
        return probe.screen_cells(app)[-1]


async def test_a_key_strip_draws_what_footer_keys_draw() -> None:
    drawn = await footer_line(strip=True)
    assert drawn == await footer_line(strip=False)
    assert "".join(text for text, _ in drawn).startswith(" ? Help  s Sync now  / Filter ")
    assert any("dim" in style for text, style in drawn if "Sync" in text)


@pytest.mark.parametrize(("x", "pressed"), [(1, ["help"]), (21, ["filter"]), (10, [])])
async def test_a_click_on_a_key_strip_presses_the_key_under_it(x: int, pressed: list[str]) -> None:
    app = Keys(strip=True)
    async with app.run_test(size=(60, 3)) as pilot:
        await pilot.click(KeyStrip, offset=(x, 0))
        await pilot.pause()
        assert app.pressed == pressed  # (x=10 is the disabled key: a bell, no action)
