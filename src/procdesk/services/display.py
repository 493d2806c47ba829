"""How values read for people, the same in the dashboard and on the command line.

Money shows two decimals with thousands separators (the ledger keeps four); a quantity
shows no trailing zeros; times show in the machine's local zone; an address reads as an
address; a stored status or action reads as words. Nothing here decides anything: it only
writes down what the records hold.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pydantic import BaseModel

from procdesk.domain.issue import Issue
from procdesk.domain.labels import PROVIDER_NAME as PROVIDER_NAME  # (re-exported)
from procdesk.domain.labels import PROVIDER_SHORT as PROVIDER_SHORT
from procdesk.domain.labels import subject_label
from procdesk.domain.quote import ShipTo
from procdesk.domain.text import shown

CENTS = Decimal("0.01")


def issue_subject(issue: Issue) -> str:
    """What an issue is about, short: "charge 12", "order 3", "Autotask", "TD SYNNEX login"."""
    return subject_label(issue.subject_type, issue.subject_id)


def money(value: Any) -> str:
    """'5,862.20' from 5862.2000; '' for nothing. Half away from zero, like the ledger."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value).quantize(CENTS, rounding=ROUND_HALF_UP):,.2f}"


def amount(value: Any, currency: str | None) -> str:
    """Money with its currency: 'USD 5,862.20'."""
    shown = money(value)
    return f"{currency} {shown}" if shown and currency else shown


def quantity(value: Any) -> str:
    """'2' from 2.0000, '1.5' from 1.5000, '1,200' from 1200."""
    if value is None or value == "":
        return ""
    number = Decimal(value).normalize()
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,f}"


def local(value: datetime) -> datetime:
    """The moment in the machine's local time zone (the ledger keeps UTC)."""
    return value.astimezone()


def local_time(value: datetime | None) -> str:
    """'2026-11-23 10:05' in local time; '' for nothing."""
    return "" if value is None else local(value).strftime("%Y-%m-%d %H:%M")


def short_time(value: datetime | None, now: datetime) -> str:
    """'14:05' when it is today (local time), 'Nov 19' otherwise."""
    if value is None:
        return ""
    here = local(value)
    if here.date() == local(now).date():
        return here.strftime("%H:%M")
    return here.strftime("%b %d")


def words(value: Any) -> str:
    """A stored code as words: 'awaiting_approval' -> 'awaiting approval'."""
    if value is None:
        return ""
    text = str(getattr(value, "value", value))
    return text.replace("_", " ")


def provider_name(value: Any) -> str:
    text = str(getattr(value, "value", value))
    return PROVIDER_NAME.get(text, text)


def address_lines(ship_to: ShipTo) -> list[str]:
    """An address as it goes on a label: company, contact, street lines, town line, country,
    then phone and e-mail when known."""
    town = " ".join(part for part in (ship_to.state, ship_to.postal_code) if part)
    lines = [ship_to.company]
    if ship_to.contact:
        lines.append(ship_to.contact)
    lines += ship_to.address_lines
    lines.append(f"{ship_to.city}, {town}" if town else ship_to.city)
    lines.append(ship_to.country_code)
    lines += [part for part in (ship_to.phone, ship_to.email) if part]
    return lines


def ticket_text(number: str | None, ticket_id: int | None) -> str:
    """'T20261120.0007', or 'id 7002' when only Autotask's id is known."""
    if number:
        return shown(number)
    return f"id {ticket_id}" if ticket_id is not None else "not given"


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 charge', '3 charges', '1,204 orders'."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def plain(value: Any) -> str:
    """A stored value as exact plain text, for copying and exporting (no rounding, nothing
    elided); control and bidirectional characters escaped, so it is safe on a terminal and
    in a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dict | list):
        return json.dumps(value, default=str, sort_keys=True)  # escapes control characters
    return shown(str(value), multiline=True)


class Table(BaseModel):
    """A small table inside a detail (an order's lines): headings and rows of text."""

    headings: list[str]
    rows: list[list[str]]

    def as_lines(self) -> list[str]:
        widths = [
            max(len(h), *(len(r[i]) for r in self.rows)) if self.rows else len(h)
            for i, h in enumerate(self.headings)
        ]

        def line(cells: list[str]) -> str:
            return "  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))

        return [line(self.headings).rstrip(), *(line(r).rstrip() for r in self.rows)]
