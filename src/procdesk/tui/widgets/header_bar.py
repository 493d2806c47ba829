"""The status line: worker state, last sync, Autotask API budget, credential health."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import Static

from procdesk.services.dashboard.liveness import ledger_segment
from procdesk.services.dashboard.reads import HeaderInfo
from procdesk.tui.formatting import PROVIDER_SHORT, short_time, time_left

STATE_SYMBOL = {"ok": "✓", "expired": "✗", "invalid": "✗", "missing": "?"}
WARN_BEFORE = timedelta(hours=1)


def describe(info: HeaderInfo, now: datetime) -> tuple[str, bool]:
    """The header text and whether anything needs attention."""
    alert = False
    worker = {
        "running": f"⟳ workers {info.workers_running}",
        "paused": "‖ workers paused",
        "stopped": "■ workers stopped",
    }[info.worker_state]
    parts = ["procdesk", worker, f"last sync {short_time(info.last_sync, now) or '—'}"]
    if info.api_budget:
        used, limit = info.api_budget.get("used", 0), info.api_budget.get("limit", 0)
        pct = f" ({100 * used / limit:.0f}%)" if limit else ""
        parts.append(f"API {used:,}/{limit:,}{pct}")
    for cred in info.credentials:
        label = PROVIDER_SHORT.get(cred.provider, cred.provider)
        symbol = STATE_SYMBOL.get(cred.state, "?")
        text = f"{symbol} {label} {cred.state}"
        expiry = cred.refresh_expires_at or cred.token_expires_at
        if cred.state == "ok" and expiry is not None:
            text += f" {time_left(expiry, now)}"
            if expiry - now < WARN_BEFORE:
                text = f"⚠ {text}"
                alert = True
        if cred.state != "ok":
            alert = True
        parts.append(text)
    return "  │  ".join(parts), alert


class HeaderBar(Static):
    DEFAULT_CSS = """
    HeaderBar { height: 1; background: $panel; color: $text; padding: 0 1; }
    HeaderBar.-alert { background: $warning-muted; }
    """

    info: HeaderInfo | None = None
    ledger_down_since: datetime | None = None

    def show(self, info: HeaderInfo, now: datetime) -> None:
        self.info = info
        self._render_all(now)

    def show_ledger(self, down_since: datetime | None, now: datetime) -> None:
        """The ledger's state, in front of the last known rest (which may be stale)."""
        self.ledger_down_since = down_since
        self._render_all(now)

    def _render_all(self, now: datetime) -> None:
        text, alert = describe(self.info, now) if self.info is not None else ("procdesk", False)
        ledger = ledger_segment(self.ledger_down_since, now)
        if ledger is not None:
            text, alert = f"{ledger}  │  {text}", True
        self.update(text)
        self.set_class(alert, "-alert")
