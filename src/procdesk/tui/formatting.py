"""How values look on screen. Status is never colour alone: a symbol and a word too."""

from __future__ import annotations

from typing import Any

from procdesk.domain.issue import Issue
from procdesk.services.display import PROVIDER_NAME, money, quantity, short_time

__all__ = ["PROVIDER_NAME", "money", "quantity", "short_time"]  # shared with the CLI

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
PROVIDER_SHORT = {
    "autotask": "Autotask",
    "ingram": "Ingram",
    "tdsynnex": "TD SYNNEX",
    "tdsynnex_xml": "TD SYNNEX XML",
}


def issue_subject(issue: Issue) -> str:
    """What an issue is about, short: "charge 12", "order 3", "Autotask", "TD SYNNEX login"."""
    kind, subject = issue.subject_type.value, issue.subject_id
    if kind == "provider":
        return PROVIDER_NAME.get(subject, subject)
    if kind == "credential":
        return f"{PROVIDER_SHORT.get(subject, subject)} login"
    return f"{kind} {subject}"


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
