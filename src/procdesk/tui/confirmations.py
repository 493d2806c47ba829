"""Actions that change records or spend money ask first, and say what they touch.

Each `ask_*` coroutine reads what the action would touch, then pushes a `ConfirmScreen`
(Enter or `y` confirms, Esc or `n` backs out; a cancel also asks for its reason). Only a
confirmed answer starts the action. `after` runs on confirmation (a pane uses up its marks
there); it is not called when the person backs out, so nothing changes.

Panes, the detail view and the quote view all use these, so a charge is cancelled or an
order approved with the same question wherever it is done from.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from decimal import Decimal
from typing import Any

from textual.dom import DOMNode

from procdesk.domain.enums import IssueKind, OrderStatus
from procdesk.domain.order import PLACED_CANCELLABLE, UNPLACED
from procdesk.services.display import amount, plural, provider_name, words
from procdesk.tui import actions_charges, actions_orders
from procdesk.tui.approval import approval_text
from procdesk.tui.desk import desk
from procdesk.tui.messages import Outcome

After = Callable[[], None] | None
Work = Callable[[str], Coroutine[Any, Any, Outcome]]
# How a pane asks about the rows it acts on: (node, ids, after) -> the asking coroutine.
Ask = Callable[[DOMNode, Sequence[int], After], Coroutine[Any, Any, Outcome]]


def _ask(
    node: DOMNode,
    label: str,
    title: str,
    body: str,
    work: Work,
    *,
    confirm_label: str,
    ask_reason: bool = False,
    after: After = None,
) -> None:
    from procdesk.tui.screens.confirm import ConfirmScreen

    def answered(reason: str | None) -> None:
        if reason is None:
            return
        if after is not None:
            after()
        desk(node).start_action(label, work(reason))

    node.app.push_screen(
        ConfirmScreen(title, body, confirm_label=confirm_label, ask_reason=ask_reason), answered
    )


def _ids(ids: Sequence[int]) -> str:
    return ", ".join(map(str, ids[:10])) + (" …" if len(ids) > 10 else "")


def _totals(totals: dict[str, Decimal]) -> str:
    return " + ".join(amount(value, currency) for currency, value in sorted(totals.items()))


async def ask_cancel_charges(node: DOMNode, ids: Sequence[int], after: After = None) -> Outcome:
    context = desk(node).context
    found = await context.charge_actions().selection(ids)
    if not found.ids:
        return Outcome("Those charges are gone.", "warning")
    states = ", ".join(f"{n} {words(s)}" for s, n in found.by_status.items())
    lines = [f"{plural(len(found.ids), 'charge')} ({states}): {_ids(found.ids)}"]
    lines.append(f"Worth {_totals(found.amount)} to the customer.")
    if found.in_autotask:
        lines.append(
            f"{plural(found.in_autotask, 'charge')} in Autotask: the worker deletes "
            f"{'it' if found.in_autotask == 1 else 'them'} there first."
        )
    if found.billed:
        lines.append(f"{plural(found.billed, 'charge')} already billed: left alone.")
    _ask(
        node,
        "cancel",
        f"Cancel {plural(len(found.ids), 'charge')}?",
        "\n".join(lines),
        lambda reason: actions_charges.cancel(context, found.ids, reason),
        confirm_label="Cancel charges",
        ask_reason=True,
        after=after,
    )
    return Outcome("")


async def ask_reorder(node: DOMNode, ids: Sequence[int], after: After = None) -> Outcome:
    """Re-ordering makes a new charge the customer is billed for: say how much, and warn
    loudly when the quote was retracted or declined."""
    context = desk(node).context
    found = await context.charge_actions().selection(ids)
    if not found.ids:
        return Outcome("Those charges are gone.", "warning")
    lines = [
        f"A new pending charge for each of {plural(len(found.ids), 'charge')}: "
        f"{_ids(found.ids)}; {_totals(found.amount)} billed to the customer."
    ]
    title = f"Re-order {plural(len(found.ids), 'charge')}?"
    if found.withdrawn:
        quotes = ", ".join(f"{q} ({words(s)})" for q, s in sorted(found.withdrawn.items()))
        lines.insert(
            0,
            f"⚠ The customer withdrew the quote: {quotes}. "
            f"{plural(len(found.withdrawn_charges), 'charge')} would bill for a quote "
            "that is no longer accepted.",
        )
        title = f"Re-order {plural(len(found.ids), 'charge')} of a withdrawn quote?"
    _ask(
        node,
        "re-order",
        title,
        "\n".join(lines),
        lambda _: actions_charges.reorder(context, found.ids),
        confirm_label="Re-order",
        after=after,
    )
    return Outcome("")


async def ask_retry_charges(node: DOMNode, ids: Sequence[int], after: After = None) -> Outcome:
    """One charge is retried at once (it sends what was already decided); several ask."""
    context = desk(node).context
    if len(ids) == 1:
        if after is not None:
            after()
        return await actions_charges.retry(context, ids)
    found = await context.charge_actions().selection(ids)
    states = ", ".join(f"{n} {words(s)}" for s, n in found.by_status.items())
    _ask(
        node,
        "retry",
        f"Retry {plural(len(found.ids), 'charge')}?",
        f"{plural(len(found.ids), 'charge')} ({states}): {_ids(found.ids)}.\n"
        "Charges in error go back to pending; postponed ones are sent with the next sync.",
        lambda _: actions_charges.retry(context, found.ids),
        confirm_label="Retry",
        after=after,
    )
    return Outcome("")


async def ask_retry_kind(node: DOMNode, kind: IssueKind) -> Outcome:
    context = desk(node).context
    ids = await context.charge_actions().in_trouble(kind)
    if not ids:
        return Outcome(f"No charge is in error with {words(kind)}.", "warning")
    _ask(
        node,
        "retry all",
        f"Retry every charge with {words(kind)}?",
        f"{plural(len(ids), 'charge')} in error with {words(kind)}: {_ids(ids)}.\n"
        "They go back to pending and are sent with the next sync.",
        lambda _: actions_charges.retry_all_errors(context, kind),
        confirm_label=f"Retry {len(ids):,}",
    )
    return Outcome("")


async def ask_approval(node: DOMNode, ids: Sequence[int], after: After = None) -> Outcome:
    """What approving commits to (value, threshold, margin, price moves), then ask."""
    context = desk(node).context
    previews = await context.order_actions().approval_previews(ids)
    waiting = [p.order_id for p in previews if p.awaits_approval]
    if not waiting:
        return Outcome("None of these orders waits for approval.", "warning")
    _ask(
        node,
        "approve",
        f"Approve {plural(len(waiting), 'order')}?",
        approval_text(previews),
        lambda _: actions_orders.approve(context, waiting),
        confirm_label="Approve",
        after=after,
    )
    return Outcome("")


def _order_lines(orders: Sequence[Any]) -> list[str]:
    shown = [
        f"  order {o.id} — {o.company_name}, {provider_name(o.distributor)}, "
        f"{amount(o.total_value, o.currency)} ({words(o.status)})"
        for o in orders[:8]
    ]
    return shown + ([f"  … and {len(orders) - 8} more"] if len(orders) > 8 else [])


async def ask_submit(node: DOMNode, ids: Sequence[int], after: After = None) -> Outcome:
    """Submitting places orders at the distributor: it spends money, so it asks."""
    context = desk(node).context
    orders = await context.order_actions().selection(ids)
    queued = [o for o in orders if o.status is OrderStatus.QUEUED]
    if not queued:
        return Outcome("None of these orders is queued.", "warning")
    skipped = len(orders) - len(queued)
    lines = [f"Place {plural(len(queued), 'order')} at the distributor:", *_order_lines(queued)]
    if skipped:
        lines.append(f"{plural(skipped, 'order')} not queued: left alone.")
    _ask(
        node,
        "submit",
        f"Submit {plural(len(queued), 'order')}?",
        "\n".join(lines),
        lambda _: actions_orders.submit(context, [o.id for o in queued]),
        confirm_label="Submit",
        after=after,
    )
    return Outcome("")


async def ask_retry_orders(node: DOMNode, ids: Sequence[int], after: After = None) -> Outcome:
    context = desk(node).context
    if len(ids) == 1:
        if after is not None:
            after()
        return await actions_orders.retry(context, ids)
    orders = await context.order_actions().selection(ids)
    _ask(
        node,
        "retry",
        f"Retry {plural(len(orders), 'order')}?",
        "\n".join(
            [
                "Try placing these again (each is looked up by our reference first):",
                *_order_lines(orders),
            ]
        ),
        lambda _: actions_orders.retry(context, [o.id for o in orders]),
        confirm_label="Retry",
        after=after,
    )
    return Outcome("")


async def ask_cancel_orders(node: DOMNode, ids: Sequence[int], after: After = None) -> Outcome:
    context = desk(node).context
    orders = await context.order_actions().selection(ids)
    if not orders:
        return Outcome("Those orders are gone.", "warning")
    unplaced = sum(1 for o in orders if o.status in UNPLACED)
    placed = sum(1 for o in orders if o.status in PLACED_CANCELLABLE)
    lines = [f"{plural(len(orders), 'order')}:", *_order_lines(orders)]
    if unplaced:
        lines.append(f"{plural(unplaced, 'order')} not placed yet: cancelled now.")
    if placed:
        lines.append(
            f"{plural(placed, 'order')} at the distributor: the worker cancels "
            f"{'it' if placed == 1 else 'them'} there first."
        )
    if rest := len(orders) - unplaced - placed:
        lines.append(f"{plural(rest, 'order')} shipped, delivered or cancelled: left alone.")
    _ask(
        node,
        "cancel",
        f"Cancel {plural(len(orders), 'order')}?",
        "\n".join(lines),
        lambda reason: actions_orders.cancel(context, [o.id for o in orders], reason),
        confirm_label="Cancel orders",
        ask_reason=True,
        after=after,
    )
    return Outcome("")


async def ask_merge(node: DOMNode, ids: Sequence[int], after: After = None) -> Outcome:
    from procdesk.services.procurement.queue import MergeError, check_mergeable

    context = desk(node).context
    orders = await context.order_actions().selection(ids)
    try:
        check_mergeable(orders)
    except MergeError as exc:  # refused before asking: the marks stay for another try
        return Outcome(f"not merged: {exc}", "warning")
    target = min(o.id for o in orders)
    _ask(
        node,
        "merge",
        f"Merge {plural(len(orders), 'order')} into order {target}?",
        "\n".join(
            [*_order_lines(orders), "The merged order's value changes: an approval is asked again."]
        ),
        lambda _: actions_orders.merge(context, [o.id for o in orders]),
        confirm_label="Merge",
        after=after,
    )
    return Outcome("")
