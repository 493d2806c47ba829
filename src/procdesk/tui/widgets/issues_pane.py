"""The sync issues pane: open problems grouped by kind, each with its fix."""

from __future__ import annotations

from textual.binding import Binding

from procdesk.domain.enums import IssueKind
from procdesk.domain.issue import Issue
from procdesk.domain.labels import kind_label
from procdesk.tui import actions_issues
from procdesk.tui.formatting import ISSUE_SYMBOL, issue_subject
from procdesk.tui.widgets.columns import Column
from procdesk.tui.widgets.pane import Pane

KIND_LABEL = {kind.value: kind_label(kind) for kind in IssueKind}


class IssuesPane(Pane):
    TITLE = "Sync issues"
    TABLE = "issues"
    STATUS_TABLE = None
    STATUS_ORDER = [k.value for k in IssueKind]
    SORTS = [("kind", False), ("last_seen", True), ("occurrences", True), ("id", False)]
    BINDINGS = [
        Binding("f", "fix", "Fix", id="issues.fix"),
        Binding("d", "dismiss", "Dismiss", id="issues.dismiss"),
        Binding("r", "retry", "Retry affected", id="issues.retry"),
    ]
    EMPTY = "No open issues: charges and orders are moving."
    HELP = (
        "Open problems, one per kind and subject, with the provider's message and procdesk's "
        "hint. The fix key jumps to what fixes it: the billing-code mapping, the "
        "re-authentication screen, the distributor credentials, availability, or the order."
    )
    COLUMNS = [
        Column("id", "ID", 6, align_right=True),
        Column[Issue](
            "kind",
            "Kind",
            24,
            render=lambda r: f"{ISSUE_SYMBOL[0]} {KIND_LABEL.get(r.kind, r.kind)}",
            style_class=lambda r: ISSUE_SYMBOL[1],
        ),
        Column[Issue]("subject_id", "Subject", 15, render=issue_subject, priority=1),
        Column("occurrences", "×", 4, align_right=True, priority=3),
        Column("message", "Message", 20, priority=1, grow=3),
        Column("hint", "Fix", 16, priority=2, grow=2),
    ]

    def _update_title(self) -> None:
        super()._update_title()
        total = sum(self.counts.values())
        busiest = sorted(self.counts.items(), key=lambda kv: -kv[1])[:3]
        shown = " · ".join(f"! {KIND_LABEL.get(k, k)} {n:,}" for k, n in busiest)
        self.border_title = f"{self.TITLE} — {total:,} open" + (f" · {shown}" if shown else "")

    def action_fix(self) -> None:
        if isinstance(row := self.current(), Issue):
            self.desk.open_fix(row)

    def action_dismiss(self) -> None:
        if ids := self.take_ids():
            self.desk.start_action("dismiss", actions_issues.dismiss(self.desk.context, ids))

    def action_retry(self) -> None:
        if ids := self.take_ids():
            self.desk.start_action(
                "retry affected", actions_issues.retry_affected(self.desk.context, ids)
            )
