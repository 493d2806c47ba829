"""What panes and screens need from the dashboard app, as a protocol.

Widgets reach the app through `desk(widget)` instead of importing `tui.app` (which imports
every widget): the app satisfies this protocol structurally, and the import graph stays
a tree.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, Protocol, cast

from procdesk.domain.issue import Issue
from procdesk.tui.messages import Outcome
from procdesk.tui.options import DashboardOptions
from procdesk.tui.widgets.activity import Activity, Job
from procdesk.wiring import Context

if TYPE_CHECKING:
    from textual.dom import DOMNode


class Desk(Protocol):
    @property
    def context(self) -> Context: ...

    @property
    def activity(self) -> Activity: ...

    @property
    def options(self) -> DashboardOptions: ...

    def start_action(
        self,
        label: str,
        work: Coroutine[Any, Any, Outcome],
        *,
        progress: str | None = None,
        job: Job | None = None,
    ) -> None: ...

    def open_detail(self, table: str, row_id: int) -> None: ...

    async def refresh_header(self) -> None: ...

    def open_availability(self, order_id: int) -> None: ...

    def open_quote(self, quote_id: str) -> None: ...

    def open_fix(self, issue: Issue) -> None: ...


def desk(node: DOMNode) -> Desk:
    """The dashboard app `node` belongs to."""
    return cast("Desk", node.app)
