"""The command palette's providers, loaded when the palette first opens.

Textual takes a provider class or a function returning one in `App.COMMANDS` (its own system
commands are such a function): the dashboard's first frame needs none of these modules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.command import Provider


def pane_commands() -> type[Provider]:
    from procdesk.tui.commands import PaneCommands

    return PaneCommands


def admin_commands() -> type[Provider]:
    from procdesk.tui.commands import AdminCommands

    return AdminCommands


def quote_commands() -> type[Provider]:
    from procdesk.tui.quote_commands import QuoteCommands

    return QuoteCommands


def demo_guide_commands() -> type[Provider]:
    from procdesk.tui.screens.demo_guide import DemoGuideCommands

    return DemoGuideCommands


PALETTE_PROVIDERS: set[type[Provider] | Callable[[], type[Provider]]] = {
    pane_commands,
    admin_commands,
    quote_commands,
    demo_guide_commands,
}
