"""The command palette: every action of the focused pane (and the app's) as an entry.

Entries come from the effective bindings, so the palette, the footer and `?` help never
disagree, and a remapped key shows as remapped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from procdesk.tui import probe
from procdesk.tui.messages import FixScreen, OpenFix
from procdesk.tui.widgets.pane import Pane


@dataclass(frozen=True)
class PaletteEntry:
    title: str
    help: str
    run: Callable[[], object]


# Moving the cursor and choosing a status are keys, not commands.
NOT_COMMANDS = {
    "table.up",
    "table.down",
    "table.page_up",
    "table.page_down",
    "table.first",
    "table.last",
    "app.focus_next",
    "app.focus_previous",
}


def _is_command(binding: Binding) -> bool:
    binding_id = binding.id or ""
    return bool(binding.description) and not (
        binding_id in NOT_COMMANDS or binding_id.startswith("pane.status_")
    )


def _described(node: DOMNode) -> Iterator[Binding]:
    seen: set[str] = set()
    for binding in probe.key_bindings(node):
        if _is_command(binding) and binding.action not in seen:
            seen.add(binding.action)
            yield binding


class PaneCommands(Provider):
    """Actions of the pane that had the focus when the palette opened, then the app's."""

    def entries(self) -> list[PaletteEntry]:
        app = self.app
        focused = self.focused
        pane = next(
            (p for p in app.query(Pane) if focused is not None and focused in p.walk_children()),
            None,
        )
        found: list[PaletteEntry] = []
        nodes: list[tuple[DOMNode, str]] = []
        if pane is not None:
            nodes += [(pane.table, pane.TITLE), (pane, pane.TITLE)]
        nodes.append((app, "procdesk"))
        for node, where in nodes:
            for binding in _described(node):
                found.append(
                    PaletteEntry(
                        title=f"{where}: {binding.description}",
                        help=f"key {app.get_key_display(binding)}",
                        run=partial(app.run_action, binding.action, node),
                    )
                )
        return found

    async def discover(self) -> Hits:
        for entry in self.entries():
            yield DiscoveryHit(entry.title, entry.run, help=entry.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self.entries():
            score = matcher.match(entry.title)
            if score > 0:
                yield Hit(score, matcher.highlight(entry.title), entry.run, help=entry.help)


# The admin screens, reachable from anywhere (not only from an issue's fix key). Each
# title carries the words people search for: "mapping", "billing", "codes", "auth",
# "credential", "connection", "distributor", "login", "vendor", "purchase order",
# "inventory".
ADMIN_ENTRIES: tuple[tuple[str, FixScreen, str | None, str], ...] = (
    (
        "Admin: Connections — Autotask, Ingram Micro, TD SYNNEX (auth, credentials, "
        "distributor, verify)",
        "connections",
        None,
        "each provider's state and token lifetime; Verify asks it now; re-authenticate",
    ),
    (
        "Admin: Category billing codes (mapping of categories to Autotask billing codes)",
        "mappings",
        None,
        "each category's code checked live, charges waiting on it; fix and retry",
    ),
    (
        "Admin: Vendor mapping — distributor to Autotask vendor, inventory location "
        "(purchase order)",
        "vendors",
        None,
        "each distributor's vendor company and the receiving location, checked live; set them",
    ),
    (
        "Admin: Autotask login — re-authenticate (auth, credentials)",
        "reauth",
        "autotask",
        "API user, integration code and secret; verified live before they are stored",
    ),
    (
        "Admin: Ingram Micro distributor — credentials, customer number (auth)",
        "reauth",
        "ingram",
        "client id and secret, customer number, country; verified live",
    ),
    (
        "Admin: TD SYNNEX distributor — refresh token (auth, credentials)",
        "reauth",
        "tdsynnex",
        "a fresh StreamOne ION refresh token; verified live",
    ),
)


class AdminCommands(Provider):
    """Connections, Category billing codes, Vendor mapping and each provider's
    re-authentication."""

    def entries(self) -> list[PaletteEntry]:
        def opener(screen: FixScreen, argument: str | None) -> Callable[[], object]:
            def run() -> None:
                self.app.post_message(OpenFix(screen, argument))

            return run

        return [
            PaletteEntry(title=title, help=help_text, run=opener(screen, argument))
            for title, screen, argument, help_text in ADMIN_ENTRIES
        ]

    async def discover(self) -> Hits:
        for entry in self.entries():
            yield DiscoveryHit(entry.title, entry.run, help=entry.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self.entries():
            score = matcher.match(entry.title)
            if score > 0:
                yield Hit(score, matcher.highlight(entry.title), entry.run, help=entry.help)
