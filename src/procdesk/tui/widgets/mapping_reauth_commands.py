"""The command palette entries of the mappings and re-authentication screens.

Taken from the screen's effective bindings (remapped keys included), so the palette, the
footer and the buttons never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


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
        for bindings in screen._bindings.key_to_bindings.values():
            for binding in bindings:
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
