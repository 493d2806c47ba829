"""`g` in `procdesk demo`: the demo guide the command printed before the dashboard started
(the sandbox values to type into the re-authentication screens, the command line against
the running demo), and its command-palette entry."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

PALETTE_TITLE = "Demo guide: sandbox credentials and the command line (help, auth)"


class DemoGuideScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    DemoGuideScreen { align: center middle; }
    DemoGuideScreen > VerticalScroll {
        width: 90%; height: 90%; border: round $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape,q,g", "dismiss", "Close", id="guide.close")]

    def __init__(self, guide: str) -> None:
        super().__init__()
        self.guide = guide

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown  # (markdown-it: only when the guide opens)

        with VerticalScroll():
            yield Markdown(self.guide, id="guide-text")


class DemoGuideCommands(Provider):
    """The palette entry for the guide; only in the demo (the app has a guide)."""

    def _run(self) -> None:
        self.app.call_later(self.app.run_action, "demo_guide")

    def _has_guide(self) -> bool:
        return getattr(getattr(self.app, "options", None), "guide", None) is not None

    async def discover(self) -> Hits:
        if self._has_guide():
            yield DiscoveryHit(PALETTE_TITLE, self._run)

    async def search(self, query: str) -> Hits:
        if not self._has_guide():
            return
        matcher = self.matcher(query)
        score = matcher.match(PALETTE_TITLE)
        if score > 0:
            yield Hit(score, matcher.highlight(PALETTE_TITLE), self._run)
