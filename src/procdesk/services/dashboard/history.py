"""An entity's audit trail in words: when (local time), who, what they did.

Events keep their details as stored (for scripts and the change feed); here only the parts
a person acts on are written out, never bookkeeping such as markers or leases.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from procdesk.domain.event import Event
from procdesk.domain.text import shown
from procdesk.services.display import local_time, money, words

# What an action reads as, when its code does not say it plainly.
PHRASES: dict[str, str] = {
    "created": "created",
    "synced": "created in Autotask",
    "adopted": "found already in Autotask and adopted (no duplicate sent)",
    "failed": "failed",
    "postponed": "postponed",
    "retry": "asked to send it again",
    "retried": "asked to try again",
    "cancel_requested": "asked to cancel it",
    "cancel_refused": "cancel refused",
    "cancel_refused_billed": "cancel refused: already billed in Autotask",
    "refreshed": "read its state in Autotask",
    "ticket_resolved": "found its Autotask ticket",
    "auto_submitted": "sent to the distributor (at or below the approval threshold)",
    "submitted": "sent to the distributor",
    "approved": "approved",
    "requeued": "put back in the queue",
    "reconciled": "matched with the distributor's order",
    "merged": "merged other orders into it",
    "lines_changed": "lines changed",
    "lines_updated": "lines changed",
    "part_substituted": "substituted a part",
    "address_changed": "ship-to address changed",
    "availability_checked": "checked availability",
    "availability_compared": "compared distributors",
    "sourcing_checked": "checked the sourcing preference",
    "line_switched_out": "moved a line to another distributor",
    "line_switched_in": "took a line from another distributor",
    "line_split_out": "split a line to another distributor",
    "line_split_in": "took part of a line from another distributor",
    "line_removed": "took off a line its quote moved to another distributor",
    "status_changed": "status changed",
    "imported": "imported",
}

# Detail keys worth a person's attention, with how each reads.
LABELS: dict[str, str] = {
    "autotask_id": "Autotask charge",
    "ticket_number": "ticket",
    "procurement_status": "Autotask status",
    "distributor_order_id": "their order",
    "reason": "reason",
    "note": "note",
    "value": "value",
    "threshold": "threshold",
    "merged": "merged orders",
    "merged_into": "merged into order",
    "kind": "cause",
    "message": "message",
    "kept": "kept",
}
MONEY_KEYS = {"value", "threshold"}
LONGEST = 160  # a message is cut here in the history; the detail shows it whole


class HistoryEntry(BaseModel):
    at: str  # local time, as the rest of the screen shows it
    actor: str
    text: str


def _value(key: str, value: Any) -> str:
    if key in MONEY_KEYS:
        try:
            return money(value)
        except ArithmeticError:
            return shown(str(value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):  # per line: {"2": "kept at ingram: ..."}
        return "; ".join(f"line {k}: {shown(str(v))}" for k, v in value.items())
    if key in ("kind", "reason"):
        return words(value)
    text = shown(" ".join(str(value).split()))
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def describe(event: Event) -> str:
    """What happened, in words: 'approved (value 18,532.00)', 'error (was processing)'."""
    detail = event.detail or {}
    moved = "to" in detail and "from" in detail
    if moved and event.action == detail["to"]:
        text = f"{words(detail['to'])} (was {words(detail['from'])})"
    else:
        text = PHRASES.get(event.action, words(event.action))
    parts = [
        f"{label} {_value(key, detail[key])}"
        for key, label in LABELS.items()
        if detail.get(key) not in (None, "", [], {})
    ]
    if event.action == "failed" and detail.get("sent") is False:
        parts.append("not sent")
    return f"{text}: " + "; ".join(parts) if parts else text


def entries(events: list[Event]) -> list[HistoryEntry]:
    return [HistoryEntry(at=local_time(e.at), actor=e.actor, text=describe(e)) for e in events]
