"""How values look on screen. Status is never colour alone: a symbol and a word too."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from procdesk.domain.issue import Issue
from procdesk.domain.labels import PROVIDER_NAME as PROVIDER_NAME  # (re-exported)
from procdesk.domain.labels import PROVIDER_SHORT as PROVIDER_SHORT
from procdesk.domain.labels import subject_label

# status -> (symbol, label, component class of VirtualTable for its colour)
CHARGE_STATUS: dict[str, tuple[str, str, str]] = {
    "pending": ("◷", "pending", "vtable--muted"),
    "synced": ("✓", "synced", "vtable--ok"),
    "error": ("✗", "error", "vtable--error"),
    "cancelled": ("⊘", "cancelled", "vtable--muted"),
}
ORDER_STATUS: dict[str, tuple[str, str, str]] = {
    "queued": ("…", "queued", "vtable--muted"),
    "awaiting_approval": ("⚑", "approval", "vtable--warning"),
    "processing": ("⟳", "processing", "vtable--warning"),
    "ordered": ("●", "ordered", "vtable--ok"),
    "backordered": ("◔", "backorder", "vtable--warning"),
    "on_hold": ("‖", "on hold", "vtable--warning"),
    "shipped": ("➜", "shipped", "vtable--ok"),
    "delivered": ("✓", "delivered", "vtable--ok"),
    "error": ("✗", "error", "vtable--error"),
    "cancelled": ("⊘", "cancelled", "vtable--muted"),
}
ISSUE_SYMBOL = ("!", "vtable--error")


def issue_subject(issue: Issue) -> str:
    """What an issue is about, short: "charge 12", "order 3", "Autotask", "TD SYNNEX login"."""
    return subject_label(issue.subject_type, issue.subject_id)


def status_text(table: dict[str, tuple[str, str, str]], status: Any) -> str:
    symbol, label, _ = table.get(str(status), ("?", str(status), ""))
    return f"{symbol} {label}"


def status_class(table: dict[str, tuple[str, str, str]], status: Any) -> str | None:
    entry = table.get(str(status))
    return entry[2] if entry else None


def money(value: Any) -> str:
    if value is None:
        return ""
    return f"{Decimal(value):,.2f}"


def quantity(value: Any) -> str:
    if value is None:
        return ""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def short_time(value: datetime | None, now: datetime) -> str:
    """'14:05' today, 'Nov 19' otherwise."""
    if value is None:
        return ""
    if value.date() == now.date():
        return value.strftime("%H:%M")
    return value.strftime("%b %d")


def counts_title(
    name: str,
    counts: dict[str, int],
    table: dict[str, tuple[str, str, str]] | None,
    order: list[str],
) -> str:
    parts = []
    for status in order:
        n = counts.get(status, 0)
        if table is None:
            parts.append(f"{status} {n:,}")
        else:
            symbol, label, _ = table[status]
            parts.append(f"{symbol} {label} {n:,}")
    return f"{name} — " + " · ".join(parts) if parts else name
