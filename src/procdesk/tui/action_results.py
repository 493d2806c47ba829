"""What the dashboard does when an action it ran in the background ends: say how it went
(a notification, or a report on its own screen), catch up on what the action changed, and
show it in the detail or quote view that is open on top."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.app import App

from procdesk.tui.messages import ActionDone, ActionFailed
from procdesk.wiring import Context


class ActionResults(App[None]):
    """Action outcomes; `ProcdeskApp` supplies the context and `guarded`, `LiveFeed`
    the feed."""

    context: Context

    apply_feed: Callable[[], Awaitable[None]]  # (LiveFeed's)

    async def guarded(self, label: str, work: Awaitable[Any]) -> Any:
        raise NotImplementedError

    async def on_action_done(self, message: ActionDone) -> None:
        from procdesk.tui.screens.detail import DetailScreen

        outcome = message.outcome
        if outcome.text:
            self.notify(
                outcome.text,
                title=message.label.capitalize(),
                severity=outcome.severity,
                markup=False,
            )
        if outcome.report is not None:
            self.push_screen(DetailScreen(outcome.report))
        await self.apply_feed()
        if outcome.report is None:
            await self.guarded("reload", self._reload_open_view())

    async def _reload_open_view(self) -> None:
        """The detail or quote view on top shows what the action just changed."""
        from procdesk.tui import actions_detail
        from procdesk.tui.screens.detail import DetailScreen
        from procdesk.tui.screens.quote import QuoteScreen

        screen = self.screen
        if isinstance(screen, QuoteScreen):
            await screen.reload()
        elif isinstance(screen, DetailScreen) and screen.report.table and screen.report.row_id:
            fresh = await actions_detail.detail(
                self.context, screen.report.table, screen.report.row_id
            )
            if fresh.report is not None:
                screen.show_report(fresh.report)

    async def on_action_failed(self, message: ActionFailed) -> None:
        self.notify(
            f"{message.text}\nRecorded as an issue; details in the log.",
            title=f"{message.label.capitalize()} failed",
            severity="error",
            markup=False,
        )
        await self.apply_feed()
