"""The dashboard's part that moves between its three panes: Tab and Shift+Tab go from
pane to pane (never into a filter box), `z` maximises the focused pane, Esc undoes the
innermost thing first."""

from __future__ import annotations

from textual.app import App

from procdesk.tui.widgets.pane import Pane


class PaneFocus(App[None]):
    """Focus across panes; `ProcdeskApp` supplies `panes`."""

    @property
    def panes(self) -> list[Pane]:
        raise NotImplementedError

    def action_next_pane(self, step: int) -> None:
        """Tab: the next pane's table (a filter box is reached with `/`, never by Tab).
        On another screen (a form), Tab moves between its fields as usual."""
        if not self.screen_stack or self.screen is not self.screen_stack[0]:
            self.screen.focus_next() if step > 0 else self.screen.focus_previous()
            return
        maximized = self.screen.maximized
        panes = [p for p in self.panes if maximized is None or p is maximized]
        current = self.focused_pane
        at = panes.index(current) if current in panes else -step
        if panes:
            panes[(at + step) % len(panes)].table.focus()

    @property
    def focused_pane(self) -> Pane | None:
        focused = self.focused
        return next(
            (p for p in self.panes if focused is not None and focused in p.walk_children()), None
        )

    @property
    def escape_to_minimize(self) -> bool:
        """Esc undoes the innermost thing first: the maximised pane's filter, then the
        maximising."""
        pane = self.focused_pane
        if pane is not None and pane.filtered:
            return False
        return super().escape_to_minimize

    def action_toggle_maximize(self) -> None:
        if self.screen.maximized is not None:
            self.screen.minimize()
            return
        if (pane := self.focused_pane) is not None:
            self.screen.maximize(pane)
