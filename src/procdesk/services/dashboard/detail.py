"""The dashboard's detail view of one row: every field, the raw provider error, procdesk's
hint for it, an order's lines, the subject's open issues and its audit trail (events)."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from procdesk.domain.channel import CHANNEL_LABEL
from procdesk.domain.charge import Charge
from procdesk.domain.enums import EntityType, IssueKind
from procdesk.domain.event import Event
from procdesk.domain.issue import Issue
from procdesk.domain.order import Order
from procdesk.domain.remediation import REMEDIES
from procdesk.domain.text import shown
from procdesk.services.dashboard.po_detail import po_section
from procdesk.store import events
from procdesk.store import issues as issue_store
from procdesk.store import orders as order_store
from procdesk.store.ledger import Ledger
from procdesk.store.views import VIEWS

ENTITIES: dict[str, EntityType] = {
    "charges": EntityType.CHARGE,
    "orders": EntityType.ORDER,
    "issues": EntityType.ISSUE,
}
HIDDEN = {"search_text", "dedupe_key"}
LINE_FIELDS = (
    "id",  # what `procdesk orders switch|substitute LINE` takes
    "line_number",
    "sku",
    "part_number",
    "quantity",
    "unit_price",
    "status",
    "distributor_line_status",
    "quantity_confirmed",
    "quantity_backordered",
    "backorder_eta",
    "tracking_numbers",
    "reject_reason",
)


def show(value: Any) -> str:
    """A stored value as plain text (no colour, nothing elided); control and bidirectional
    characters escaped, so it is safe on a terminal and in a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dict | list):
        return json.dumps(value, default=str, sort_keys=True)  # escapes control characters
    return shown(str(value), multiline=True)


class OpenIssue(BaseModel):
    id: int
    kind: str
    message: str


class EntityDetail(BaseModel):
    entity: EntityType
    entity_id: int
    fields: list[tuple[str, str]]
    error: str | None = None  # the provider's message, verbatim
    hint: str | None = None  # what to do about it (remediation catalog)
    lines: list[dict[str, str]] = Field(default_factory=list)  # an order's lines
    issues: list[OpenIssue] = Field(default_factory=list)
    autotask: list[str] = Field(default_factory=list)  # an order's PO, shipments, receipts
    history: list[Event] = Field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.entity.value} {self.entity_id}"

    def as_text(self) -> str:
        """Everything shown, as plain text (what the copy key puts on the clipboard)."""
        width = max((len(name) for name, _ in self.fields), default=0)
        out = [self.title, ""]
        out += [f"{name.ljust(width)}  {value}" for name, value in self.fields]
        if self.error:
            out += ["", "Provider error:", self.error]
        if self.hint:
            out += ["", "What to do:", self.hint]
        if self.lines:
            out += ["", "Lines:"]
            for line in self.lines:
                out.append("  " + "  ".join(f"{k}={v}" for k, v in line.items() if v))
        if self.autotask:
            out += ["", "Autotask purchase order:", *self.autotask]
        if self.issues:
            out += ["", "Open issues:"]
            out += [f"  #{i.id} {i.kind}: {i.message}" for i in self.issues]
        out += ["", "History:"]
        for event in self.history:
            detail = f" {show(event.detail)}" if event.detail else ""
            out.append(f"  {event.at.isoformat()}  {event.actor}  {event.action}{detail}")
        if not self.history:
            out.append("  (no events)")
        return "\n".join(out)


def _hint_for(kind: IssueKind | None) -> str | None:
    return None if kind is None else REMEDIES[kind].hint


async def load_detail(ledger: Ledger, table: str, row_id: int) -> EntityDetail | None:
    """The detail of row `row_id` of dashboard table `table`, or None if it is gone."""
    view, entity = VIEWS[table], ENTITIES[table]
    async with ledger.read() as conn:
        record = (await view.rows_by_id(conn, [row_id])).get(row_id)
        if record is None:
            return None
        detail = EntityDetail(
            entity=entity,
            entity_id=row_id,
            fields=[(k, show(v)) for k, v in record.model_dump().items() if k not in HIDDEN],
            history=await events.history(conn, entity, row_id),
        )
        if isinstance(record, Issue):
            detail.error = record.message
            detail.hint = record.hint or _hint_for(record.kind)
        elif isinstance(record, Charge | Order):
            detail.error = record.last_error
            detail.hint = _hint_for(record.error_kind)
            detail.issues = [
                OpenIssue(id=i.id, kind=i.kind.value, message=i.message)
                for i in await issue_store.open_about(conn, entity, row_id)
            ]
        if isinstance(record, Order):
            channel = CHANNEL_LABEL.get(record.distributor, record.distributor.value)
            detail.fields.insert(3, ("channel", channel))
            detail.lines = [
                {field: show(getattr(line, field)) for field in LINE_FIELDS}
                for line in await order_store.get_lines(conn, row_id)
            ]
            detail.autotask = await po_section(conn, row_id)
    return detail
