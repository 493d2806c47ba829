"""procdesk.tui.probe is the only place that reaches into Textual, for the Textual it names."""

from __future__ import annotations

import asyncio
import re
from importlib.metadata import version
from pathlib import Path

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from procdesk.tui import probe
from procdesk.tui.app import ProcdeskApp
from procdesk.tui.screens.help import HelpScreen
from tests.support.dashboard import running
from tests.support.settle import settle

ROOT = Path(__file__).resolve().parents[2]
# Private names of Textual that procdesk has used, and the dashboard's own poll timer; `self.`
# is an object reading its own attributes.
TEXTUAL_PRIVATES = re.compile(
    r"(?<!self)\.(_display|_batch_count|_notifications|_require_update_dimensions"
    r"|_updated_cells|_compositor|_options|_bindings|_driver|_message_queue"
    r"|_next_callbacks|_dirty_widgets|_layout_required|_repaint_required|_poll_timer"
    r"|_compositor_refresh)\b"
    r"|\btextual\._\w+"
)


def test_the_probe_names_the_textual_that_is_pinned_and_installed() -> None:
    assert version("textual") == probe.TEXTUAL_VERSION
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"textual=={probe.TEXTUAL_VERSION}"' in pyproject
    assert f"textual=={probe.TEXTUAL_VERSION}" in (probe.__doc__ or "")


def test_nothing_but_the_probe_names_a_textual_private() -> None:
    files = [
        *(ROOT / "src" / "procdesk" / "tui").rglob("*.py"),
        *(ROOT / "tests").rglob("*.py"),
        *(ROOT / "benchmarks").glob("dashboard_*.py"),
        *(ROOT / "benchmarks").glob("startup_*.py"),
        ROOT / "screenshots" / "make_screenshots.py",
    ]
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in files
        if path.name != "probe.py" and path != Path(__file__).resolve()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if TEXTUAL_PRIVATES.search(line)
    ]
    assert found == []


async def test_a_key_sent_through_the_driver_reaches_the_app(dashboard_app: ProcdeskApp) -> None:
    async with running(dashboard_app) as pilot:
        probe.send_key(dashboard_app, "question_mark", "?")
        await settle(dashboard_app, pilot)
        assert isinstance(dashboard_app.screen, HelpScreen)


async def test_the_dashboard_polls_the_change_feed_only_when_nothing_notifies_it(
    dashboard_app: ProcdeskApp,
) -> None:
    async with running(dashboard_app):
        on_sqlite = dashboard_app.feed_waker is None  # PostgreSQL: LISTEN/NOTIFY wakes it
        assert probe.polls_change_feed(dashboard_app) is on_sqlite


class Counted(Static):
    """A widget that counts its renders (its size is fixed: none is for measuring)."""

    DEFAULT_CSS = "Counted { width: 1fr; height: 1; }"
    renders = 0

    def render(self) -> str:
        Counted.renders += 1
        return f"rows: {self.app.rows}"  # type: ignore[attr-defined]

    def on_resize(self) -> None:
        self.app.laid_out.set()  # type: ignore[attr-defined]


class SlowStart(App[None]):
    """Like the dashboard: its Mount (inside Textual's start-up batch) waits for its rows
    while the screen lays itself out."""

    def __init__(self, screen: type[Screen[None]]) -> None:
        super().__init__()
        self.screen_class = screen
        self.rows = 0
        self.laid_out = asyncio.Event()

    def get_default_screen(self) -> Screen[None]:
        return self.screen_class(id="_default")

    def compose(self) -> ComposeResult:
        yield Counted()

    async def on_mount(self) -> None:
        await self.laid_out.wait()
        self.rows = 3
        self.query_one(Counted).refresh()


async def renders_until_settled(screen: type[Screen[None]]) -> tuple[int, list[str]]:
    app = SlowStart(screen)
    shown: list[str] = []
    probe.watch_frames(app, lambda _screen: shown.append(probe.screen_text(app).strip()))
    Counted.renders = 0
    async with app.run_test() as pilot:
        await settle(app, pilot)
    return Counted.renders, shown


async def test_a_batch_aware_screen_draws_the_first_frame_once_in_its_final_state() -> None:
    renders, shown = await renders_until_settled(probe.BatchAwareScreen)
    assert shown
    assert set(shown) == {"rows: 3"}
    assert renders == 1
    # Textual's own screen draws the empty state too, in a frame nobody sees
    renders, shown = await renders_until_settled(Screen)
    assert shown
    assert set(shown) == {"rows: 3"}
    assert renders == 2
