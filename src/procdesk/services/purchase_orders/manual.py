"""Goods received by hand (a local supplier, a swap): what a person may enter, checked by
the same rules wherever it is typed (the command line, the dashboard's receive form), before
anything is written."""

from __future__ import annotations

from procdesk.domain.purchase_order import serial_problem
from procdesk.domain.text import UnsafeTextError, check_field
from procdesk.services.purchase_orders.views import LineProgress, OrderPoView


def open_units(line: LineProgress) -> int:
    """Units of the line still to receive in Autotask."""
    return max(line.quantity - line.received, 0)


def receivable_lines(view: OrderPoView) -> list[LineProgress]:
    """The lines a person can still receive by hand (not left out, not fully received)."""
    return [line for line in view.lines if not line.skipped and open_units(line) > 0]


def quantity_problem(view: OrderPoView, line_number: int, quantity: int) -> str | None:
    """Why `quantity` units cannot be received on the line; None when they can."""
    line = view.line(line_number)
    if line is None:
        numbers = ", ".join(str(p.line_number) for p in view.lines)
        return f"order {view.order_id} has no line {line_number} (lines: {numbers})"
    if line.skipped:
        return f"line {line_number} is left out of Autotask; there is nothing to receive"
    if quantity < 1:
        return "the quantity must be at least 1"
    still = open_units(line)
    if quantity > still:
        return f"line {line_number} has {still} unit(s) still to receive, not {quantity}"
    return None


def serials_problem(
    view: OrderPoView, line_number: int, quantity: int, serials: list[str]
) -> str | None:
    """Why the serial numbers cannot be received: one per unit for a serialised product,
    none for another (when Autotask said which), each plain text, at most Autotask's length,
    and not received before on the order."""
    line = view.line(line_number)
    if line is not None and line.serialized and not serials:
        return (
            f"line {line_number}'s product is serialised in Autotask: give one serial number "
            "per unit"
        )
    if line is not None and line.serialized is False and serials:
        return (
            f"line {line_number}'s product is not serialised in Autotask: leave the serial "
            "numbers out"
        )
    if serials and len(serials) != quantity:
        return f"{len(serials)} serial number(s) for {quantity} unit(s): give one per unit"
    received = {r.serial_number for r in view.receipts if r.serial_number}
    seen: set[str] = set()
    for serial in serials:
        try:
            check_field("serial number", serial)
        except UnsafeTextError as unsafe:
            return str(unsafe)
        if serial in received:
            return f"serial number {serial!r} is already received on this order"
        problem = serial_problem(serial, seen)
        if problem is not None:
            return problem
        seen.add(serial)
    return None


def receiving_problem(
    view: OrderPoView, line_number: int, quantity: int, serials: list[str]
) -> str | None:
    """The first reason the receipt cannot be made, or None when it can."""
    return quantity_problem(view, line_number, quantity) or serials_problem(
        view, line_number, quantity, serials
    )
