"""The dashboard's detail view of one row: every field, the raw provider error, procdesk's
hint for it, an order's lines, the subject's open issues and its audit trail (events)."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import EntityType, IssueKind
from procdesk.domain.remediation import REMEDIES
from procdesk.store import events
from procdesk.store.events import EventRow
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges, issues, order_lines, orders

TABLES: dict[str, tuple[sa.Table, EntityType]] = {
    "charges": (charges, EntityType.CHARGE),
    "orders": (orders, EntityType.ORDER),
    "issues": (issues, EntityType.ISSUE),
}
HIDDEN = {"search_text", "dedupe_key"}
LINE_FIELDS = (
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
    """A stored value as plain text (no colour, nothing elided)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dict | list):
        return json.dumps(value, default=str, sort_keys=True)
    return str(value)


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
    history: list[EventRow] = Field(default_factory=list)

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


def _hint_for(kind: str | None) -> str | None:
    if not kind:
        return None
    try:
        return REMEDIES[IssueKind(kind)].hint
    except ValueError:
        return None


async def _open_issues(conn: AsyncConnection, entity: EntityType, row_id: int) -> list[OpenIssue]:
    rows = await conn.execute(
        sa.select(issues.c.id, issues.c.kind, issues.c.message)
        .where(
            issues.c.subject_type == entity.value,
            issues.c.subject_id == str(row_id),
            issues.c.status == "open",
        )
        .order_by(issues.c.id)
    )
    return [OpenIssue(id=r.id, kind=r.kind, message=r.message) for r in rows]


async def _order_lines(conn: AsyncConnection, order_id: int) -> list[dict[str, str]]:
    rows = await conn.execute(
        sa.select(*[order_lines.c[f] for f in LINE_FIELDS])
        .where(order_lines.c.order_id == order_id)
        .order_by(order_lines.c.line_number)
    )
    return [{k: show(v) for k, v in r._mapping.items()} for r in rows]


async def load_detail(ledger: Ledger, table: str, row_id: int) -> EntityDetail | None:
    """The detail of row `row_id` of dashboard table `table`, or None if it is gone."""
    source, entity = TABLES[table]
    async with ledger.read() as conn:
        row = (await conn.execute(sa.select(source).where(source.c.id == row_id))).first()
        if row is None:
            return None
        values = dict(row._mapping)
        detail = EntityDetail(
            entity=entity,
            entity_id=row_id,
            fields=[(k, show(v)) for k, v in values.items() if k not in HIDDEN],
            history=await events.history(conn, entity, row_id),
        )
        if entity is EntityType.ISSUE:
            detail.error = values["message"]
            detail.hint = values["hint"] or _hint_for(values["kind"])
        else:
            detail.error = values["last_error"]
            detail.hint = _hint_for(values["error_kind"])
            detail.issues = await _open_issues(conn, entity, row_id)
        if entity is EntityType.ORDER:
            detail.lines = await _order_lines(conn, row_id)
    return detail
