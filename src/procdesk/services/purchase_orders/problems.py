"""Why purchase-order work stopped: a person must act (an issue), or it is simply early."""

from __future__ import annotations

from typing import Any

from procdesk.domain.enums import IssueKind


class NeedsPerson(Exception):
    """Autotask or the setup refuses; the order's PO work waits until someone fixes it."""

    def __init__(self, kind: IssueKind, message: str, **detail: Any) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.detail = detail


class NotYet(Exception):
    """Nothing is wrong, but the work cannot go on yet (e.g. a charge not yet in Autotask)."""
