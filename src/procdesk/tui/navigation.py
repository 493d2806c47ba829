"""The dashboard's part that opens screens: details, quotes, availability, the admin
screens, and the screen that fixes an issue (chosen by `fix_target`)."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from textual.app import App

from procdesk.domain.enums import Provider
from procdesk.domain.issue import Issue
from procdesk.tui.messages import FixScreen, OpenFix, Outcome
from procdesk.tui.widgets.activity import Job
from procdesk.wiring import Context


class Navigation(App[None]):
    """Opening screens; `ProcdeskApp` supplies the context and the action runner."""

    context: Context

    def start_action(
        self,
        label: str,
        work: Coroutine[Any, Any, Outcome],
        *,
        progress: str | None = None,
        job: Job | None = None,
    ) -> None:
        raise NotImplementedError

    def open_fix(self, issue: Issue) -> None:
        """Jump to what fixes the issue: the mapping editor, the re-auth screen, the
        availability check or the detail of the order or charge it is about."""
        from procdesk.tui.fix_target import (  # (on first use: the first frame needs none)
            AvailabilityFix,
            DetailFix,
            MappingFix,
            ReauthFix,
            VendorFix,
            fix_target,
        )

        match fix_target(issue):
            case MappingFix(charge_id=charge_id):
                self.start_action("fix", self._mapping_fix(charge_id))
            case VendorFix(row=row):
                self.post_message(OpenFix("vendors", row))
            case ReauthFix(provider=provider):
                self.post_message(OpenFix("reauth", provider.value))
            case AvailabilityFix(order_id=order_id):
                self.open_availability(order_id)
            case DetailFix(table=table, row_id=row_id):
                self.open_detail(table, row_id)

    def open_availability(self, order_id: int) -> None:
        """Every distributor's price and stock for the order, and the moves they allow."""
        from procdesk.tui.screens.availability_compare import AvailabilityCompareScreen

        self.push_screen(AvailabilityCompareScreen(self.context, order_id))

    def open_quote(self, quote_id: str) -> None:
        """One quote's lines with their charges and orders side by side."""
        from procdesk.tui.screens.quote import QuoteScreen

        self.push_screen(QuoteScreen(self.context, quote_id))

    def open_detail(self, table: str, row_id: int) -> None:
        """The detail view of a row of `table` ("charges", "orders", "issues")."""
        from procdesk.tui import actions_detail

        self.start_action("detail", actions_detail.detail(self.context, table, row_id))

    async def _mapping_fix(self, charge_id: int | None) -> Outcome:
        from procdesk.services.dashboard.issues import charge_category

        category = None
        if charge_id is not None:
            category = await charge_category(self.context.ledger, charge_id)
        self.post_message(OpenFix("mappings", category))
        return Outcome("")

    def action_open_admin(self, screen: str) -> None:
        """Open an admin screen from the dashboard (Connections, Category billing codes,
        Vendor mapping)."""
        chosen: FixScreen = "mappings"
        if screen in ("connections", "vendors"):
            chosen = "connections" if screen == "connections" else "vendors"
        self.post_message(OpenFix(chosen, None))

    def on_open_fix(self, message: OpenFix) -> None:
        if message.screen == "mappings":
            from procdesk.tui.screens.mappings import MappingScreen

            self.push_screen(MappingScreen(self.context, category=message.argument))
        elif message.screen == "vendors":
            from procdesk.tui.screens.vendors import VendorsScreen

            self.push_screen(VendorsScreen(self.context, row=message.argument))
        elif message.screen == "connections":
            from procdesk.tui.screens.connections import ConnectionsScreen

            wanted = Provider(message.argument) if message.argument else None
            self.push_screen(ConnectionsScreen(self.context, provider=wanted))
        else:
            from procdesk.tui.screens.reauth import ReauthScreen

            self.push_screen(ReauthScreen(self.context, provider=Provider(message.argument or "")))
