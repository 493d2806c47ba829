"""How values look on screen. Status is never colour alone: a symbol and a word too."""

from __future__ import annotations

from typing import Any

from procdesk.domain.labels import ORDER_STATUS_LABEL
from procdesk.services.display import (
    PROVIDER_NAME,
    PROVIDER_SHORT,
    issue_subject,
    money,
    quantity,
    short_time,
)

# shared with the CLI
__all__ = ["PROVIDER_NAME", "PROVIDER_SHORT", "issue_subject", "money", "quantity", "short_time"]

# status -> (symbol, label, component class of VirtualTable for its colour)
CHARGE_STATUS: dict[str, tuple[str, str, str]] = {
    "pending": ("◷", "pending", "vtable--muted"),
    "synced": ("✓", "synced", "vtable--ok"),
    "error": ("✗", "error", "vtable--error"),
    "cancelled": ("⊘", "cancelled", "vtable--muted"),
}
_ORDER_LOOK: dict[str, tuple[str, str]] = {
    "queued": ("…", "vtable--muted"),
    "awaiting_approval": ("⚑", "vtable--warning"),
    "processing": ("⟳", "vtable--warning"),
    "ordered": ("●", "vtable--ok"),
    "backordered": ("◔", "vtable--warning"),
    "on_hold": ("‖", "vtable--warning"),
    "shipped": ("➜", "vtable--ok"),
    "delivered": ("✓", "vtable--ok"),
    "error": ("✗", "vtable--error"),
    "cancelled": ("⊘", "vtable--muted"),
}
# the words are the domain's, so the filter finds a row by what its Status column says
ORDER_STATUS: dict[str, tuple[str, str, str]] = {
    status: (symbol, ORDER_STATUS_LABEL[status], style)
    for status, (symbol, style) in _ORDER_LOOK.items()
}
ISSUE_SYMBOL = ("!", "vtable--error")


def status_text(table: dict[str, tuple[str, str, str]], status: Any) -> str:
    symbol, label, _ = table.get(str(status), ("?", str(status), ""))
    return f"{symbol} {label}"


def status_class(table: dict[str, tuple[str, str, str]], status: Any) -> str | None:
    entry = table.get(str(status))
    return entry[2] if entry else None


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


def empty_text(query: Any, unfiltered: str) -> str:
    """What an empty view says, and how to undo the filter that emptied it."""
    text, statuses = getattr(query, "text", ""), getattr(query, "statuses", ())
    if text and statuses:
        return f"Nothing matches “{text}” in this status (Esc clears the text, 0 every status)."
    if text:
        return f"Nothing matches “{text}” (Esc clears the filter)."
    if statuses:
        return "Nothing in this status (0 or Esc shows every status)."
    return unfiltered
