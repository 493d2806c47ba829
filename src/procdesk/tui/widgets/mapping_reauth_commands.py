"""Palette entries and key labels of the mappings and re-authentication screens.

Taken from the screen's effective bindings (remapped keys included), so the palette, the
footer and the buttons never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen


@dataclass(frozen=True)
class ScreenEntry:
    title: str
    help: str
    run: Callable[[], object]


class ScreenCommands(Provider):
    """Every described binding of the screen the palette was opened on."""

    def entries(self) -> Iterator[ScreenEntry]:
        screen = self.screen
        where = str(getattr(screen, "PALETTE_TITLE", type(screen).__name__))
        seen: set[str] = set()
        for binding in screen_bindings(screen):
            if binding.description and binding.action not in seen:
                seen.add(binding.action)
                yield ScreenEntry(
                    title=f"{where}: {binding.description}",
                    help=f"key {self.app.get_key_display(binding)}",
                    run=partial(screen.run_action, binding.action),
                )

    async def discover(self) -> Hits:
        for entry in self.entries():
            yield DiscoveryHit(entry.title, entry.run, help=entry.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self.entries():
            if (score := matcher.match(entry.title)) > 0:
                yield Hit(score, matcher.highlight(entry.title), entry.run, help=entry.help)


def screen_bindings(screen: Screen[object]) -> list[Binding]:
    """The screen's own bindings as they are in force now (remapped keys included)."""
    return [a.binding for a in screen.active_bindings.values() if a.node is screen]


def key_of(screen: Screen[Any], action: str) -> str:
    """The key that runs `action` on `screen` now, for labels and messages."""
    for binding in screen_bindings(screen):
        if binding.action == action:
            return screen.app.get_key_display(binding)
    return action
