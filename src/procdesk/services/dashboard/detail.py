"""The detail of one charge, order or issue, written for the person who opens it.

Four parts, in the order people ask: what it is (quote, company, ticket, product, quantity,
price, amount), where it stands (in procdesk, in Autotask, at the distributor, with their
ids), what went wrong and the fix (the provider's words, procdesk's hint, the open issues),
and its history (who did what, when). Labels are words, never column names; bookkeeping
(markers, leases, send times, error codes) stays in the ledger. The dashboard and the
command line show the same `EntityDetail`; each adds how its own fixes are reached.
"""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.channel import CHANNEL_LABEL
from procdesk.domain.charge import Charge
from procdesk.domain.enums import ChargeStatus, EntityType, IssueKind
from procdesk.domain.issue import Issue
from procdesk.domain.order import Order
from procdesk.domain.remediation import (
    CHARGE_STATUS_GUIDE,
    REMEDIES,
    cancelled_charge_guide,
    remedy_for,
)
from procdesk.domain.text import shown
from procdesk.services.dashboard import history as history_words
from procdesk.services.dashboard.order_lines import order_lines_table
from procdesk.services.dashboard.po_detail import po_section
from procdesk.services.dashboard.standing import charge_standing, order_standing
from procdesk.services.display import (
    Table,
    address_lines,
    amount,
    local_time,
    provider_name,
    quantity,
    ticket_text,
    words,
)
from procdesk.store import events
from procdesk.store import issues as issue_store
from procdesk.store import quotes as quote_store
from procdesk.store.ledger import Ledger
from procdesk.store.views import VIEWS

ENTITIES: dict[str, EntityType] = {
    "charges": EntityType.CHARGE,
    "orders": EntityType.ORDER,
    "issues": EntityType.ISSUE,
}

Pairs = list[tuple[str, str]]


class OpenIssue(BaseModel):
    id: int
    title: str
    message: str


class EntityDetail(BaseModel):
    entity: EntityType
    entity_id: int
    heading: str  # "Charge 12 — HP ProBook 450 G10 for Contoso Ltd"
    status: str = ""  # the row's status code (which actions apply)
    quote_id: str | None = None  # the quote view's key opens this quote
    what: Pairs = Field(default_factory=list)
    lines: Table | None = None  # an order's lines
    where: Pairs = Field(default_factory=list)
    autotask: list[str] = Field(default_factory=list)  # an order's PO, shipments, receipts
    error: str | None = None  # the provider's message, verbatim
    hint: str | None = None  # what to do about it (remediation catalog)
    issues: list[OpenIssue] = Field(default_factory=list)
    history: list[history_words.HistoryEntry] = Field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.entity.value} {self.entity_id}"

    @property
    def has_problem(self) -> bool:
        return bool(self.error or self.hint or self.issues)

    def as_text(self, fixes: list[str] | None = None) -> str:
        """Everything shown, as plain text (the screen, `c` copies it; the CLI prints it).
        `fixes` are how this surface acts on the problem (keys or commands)."""
        out = [self.heading]
        out += _section("What it is", self.what)
        if self.lines is not None:
            out += ["", "Lines", *self.lines.as_lines()]
        out += _section("Where it stands", self.where)
        if self.autotask:
            out += ["", "In Autotask (purchase order)", *self.autotask]
        out += ["", "What went wrong"]
        if not self.has_problem:
            out.append("  Nothing: no error and no open issue.")
        if self.error:
            out += ["  The provider said:", *_indented(self.error, 4)]
        if self.hint:
            out += ["  What to do:", *_indented(self.hint, 4)]
        for issue in self.issues:
            said = "" if issue.message == self.error else f" — {issue.message}"
            out.append(f"  Open issue #{issue.id}: {issue.title}{said}")
        if fixes and self.has_problem:
            out += ["  How:", *(f"    {fix}" for fix in fixes)]
        out += ["", "History"]
        if not self.history:
            out.append("  Nothing recorded yet.")
        width = max((len(e.actor) for e in self.history), default=0)
        out += [f"  {e.at}  {e.actor.ljust(width)}  {e.text}" for e in self.history]
        return "\n".join(out)


SECTION_TITLES = (
    "What it is",
    "Lines",
    "Where it stands",
    "In Autotask (purchase order)",
    "What went wrong",
    "History",
)


def _section(title: str, pairs: Pairs) -> list[str]:
    if not pairs:
        return []
    width = max(len(label) for label, _ in pairs)
    out = ["", title]
    for label, value in pairs:
        first, *rest = (value or "—").split("\n")
        out.append(f"  {label.ljust(width)}  {first}")
        out += [f"  {' ' * width}  {more}" for more in rest]
    return out


def _indented(text: str, by: int) -> list[str]:
    return [" " * by + line for line in shown(text, multiline=True).splitlines() or [""]]


def _hint_for(kind: IssueKind | None) -> str | None:
    return None if kind is None else REMEDIES[kind].hint


def _next_step(charge: Charge) -> Pairs:
    """The help article's "Action" for the charge's status (none while a cancel waits)."""
    if charge.cancel_reason is not None and charge.status is not ChargeStatus.CANCELLED:
        return []
    return [("Next step", CHARGE_STATUS_GUIDE[charge.status].next_step)]


def _charge_hint(charge: Charge, line_override: int | None) -> str | None:
    """The fix of its error; for a cancelled charge, why and what next (help article)."""
    if charge.status is ChargeStatus.CANCELLED:
        return cancelled_charge_guide(charge.cancel_reason)
    if charge.error_kind is None:
        return None
    return remedy_for(charge.error_kind, line_override=line_override).hint


async def _open_issues(conn: AsyncConnection, entity: EntityType, row_id: int) -> list[OpenIssue]:
    return [
        OpenIssue(id=i.id, title=i.title, message=i.message)
        for i in await issue_store.open_about(conn, entity, row_id)
    ]


async def _charge_detail(conn: AsyncConnection, charge: Charge) -> EntityDetail:
    quote = await quote_store.get(conn, charge.quote_id)
    currency = quote.currency if quote else None
    override = await quote_store.line_override(conn, charge.quote_line_id)
    own_code = [("Billing code", f"{override}, named by the quote line")] if override else []
    title = f" ({shown(quote.title)})" if quote and quote.title else ""
    return EntityDetail(
        entity=EntityType.CHARGE,
        entity_id=charge.id,
        status=charge.status.value,
        heading=f"Charge {charge.id} — {shown(charge.sku)} for {shown(charge.company_name)}",
        quote_id=charge.quote_id,
        what=[
            ("Quote", f"{shown(charge.quote_id)}{title}"),
            ("Company", shown(charge.company_name)),
            ("Ticket", ticket_text(charge.ticket_number, charge.ticket_id)),
            ("Product", f"{shown(charge.sku)} — {shown(charge.description)}"),
            ("Category", shown(charge.category)),
            *own_code,
            ("Quantity", quantity(charge.quantity)),
            ("Unit price", amount(charge.unit_price, currency)),
            ("Unit cost", amount(charge.unit_cost, currency)),
            ("Amount", amount(charge.billable_amount, currency)),
        ],
        where=[*await charge_standing(conn, charge), *_next_step(charge)],
        error=charge.last_error,
        hint=_charge_hint(charge, override),
        issues=await _open_issues(conn, EntityType.CHARGE, charge.id),
    )


async def _order_detail(conn: AsyncConnection, order: Order) -> EntityDetail:
    channel = CHANNEL_LABEL.get(order.distributor, order.distributor.value)
    lines = await order_lines_table(conn, order)
    count = len(lines.rows)
    return EntityDetail(
        entity=EntityType.ORDER,
        entity_id=order.id,
        status=order.status.value,
        heading=(
            f"Order {order.id} — {provider_name(order.distributor)} for {shown(order.company_name)}"
        ),
        quote_id=order.quote_id,
        what=[
            ("Quote", shown(order.quote_id)),
            ("Company", shown(order.company_name)),
            ("Distributor", f"{provider_name(order.distributor)} ({channel})"),
            ("Our reference", shown(order.reference)),
            ("Value", amount(order.total_value, order.currency)),
            ("Lines", f"{count}"),
            ("Ship to", "\n".join(shown(line) for line in address_lines(order.ship_to))),
        ],
        lines=lines,
        where=order_standing(order),
        autotask=await po_section(conn, order.id),
        error=order.last_error,
        hint=_hint_for(order.error_kind),
        issues=await _open_issues(conn, EntityType.ORDER, order.id),
    )


def _issue_detail(issue: Issue) -> EntityDetail:
    about = issue.subject_type.value
    subject = f"{about} {issue.subject_id}" if about not in ("provider", "credential") else ""
    return EntityDetail(
        entity=EntityType.ISSUE,
        entity_id=issue.id,
        status=issue.status.value,
        heading=f"Issue {issue.id} — {shown(issue.title)}",
        what=[
            ("Problem", shown(issue.title)),
            ("Cause", words(issue.kind)),
            ("About", subject or provider_name(issue.subject_id)),
            ("Provider", provider_name(issue.provider) if issue.provider else "—"),
        ],
        where=[
            ("State", words(issue.status)),
            ("Seen", f"{issue.occurrences:,} time{'s' if issue.occurrences != 1 else ''}"),
            ("First seen", local_time(issue.first_seen)),
            ("Last seen", local_time(issue.last_seen)),
        ],
        error=issue.message,
        hint=issue.hint or _hint_for(issue.kind),
    )


async def load_detail(ledger: Ledger, table: str, row_id: int) -> EntityDetail | None:
    """The detail of row `row_id` of dashboard table `table`, or None if it is gone."""
    view, entity = VIEWS[table], ENTITIES[table]
    async with ledger.read() as conn:
        record = (await view.rows_by_id(conn, [row_id])).get(row_id)
        if record is None:
            return None
        if isinstance(record, Charge):
            detail = await _charge_detail(conn, record)
        elif isinstance(record, Order):
            detail = await _order_detail(conn, record)
        elif isinstance(record, Issue):
            detail = _issue_detail(record)
        else:  # a table the detail does not know: nothing to design for it
            return None
        detail.history = history_words.entries(await events.history(conn, entity, row_id))
    return detail
