"""The status line: workers and last sync, the Autotask API budget, provider health.

Provider health is its own segment, derived by `services.auth.health` from the same
ledger facts as the issues pane, the Connections screen, `auth status` and `doctor`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.widgets import Static

from procdesk.domain.health import Level, ProviderHealth
from procdesk.services.dashboard.liveness import ledger_segment
from procdesk.tui.formatting import PROVIDER_SHORT, short_time

if TYPE_CHECKING:  # the header is filled after the first frame, when the reads have loaded
    from procdesk.services.dashboard.reads import HeaderInfo

LEVEL_SYMBOL = {Level.OK: "✓", Level.WARN: "⚠", Level.FAIL: "✗"}


def worker_segment(info: HeaderInfo, now: datetime) -> list[str]:
    """Workers, last completed sync cycle, API budget."""
    worker = {
        "running": f"⟳ workers {info.workers_running}",
        "paused": "‖ workers paused",
        "stopped": "■ workers stopped",
    }[info.worker_state]
    parts = [worker, f"last sync {short_time(info.last_sync, now) or '—'}"]
    if info.api_budget:
        used, limit = info.api_budget.get("used", 0), info.api_budget.get("limit", 0)
        pct = f" ({100 * used / limit:.0f}%)" if limit else ""
        parts.append(f"API {used:,}/{limit:,}{pct}")
    return parts


def health_text(health: ProviderHealth, now: datetime) -> str:
    from procdesk.services.auth.health import state_text  # (the ledger's reads: not before)

    label = PROVIDER_SHORT.get(health.provider.value, health.provider.value)
    return f"{LEVEL_SYMBOL[health.level]} {label} {state_text(health, now)}"


def health_segment(info: HeaderInfo, now: datetime) -> tuple[list[str], bool]:
    """Each checked provider's health, and whether any needs attention."""
    parts = [health_text(h, now) for h in info.health]
    return parts, any(h.level is not Level.OK for h in info.health)


SEPARATOR = "  │  "
NARROW = 120  # below this width: no title, tighter separators (the terminal names the app)


def segments(info: HeaderInfo, now: datetime) -> tuple[list[str], bool]:
    """The header's segments and whether anything needs attention."""
    health, alert = health_segment(info, now)
    return ["procdesk", *worker_segment(info, now), *health], alert


def describe(info: HeaderInfo, now: datetime) -> tuple[str, bool]:
    """The header text and whether anything needs attention."""
    parts, alert = segments(info, now)
    return SEPARATOR.join(parts), alert


def fold(parts: list[str], width: int, separator: str = SEPARATOR) -> str:
    """The segments on as many lines as `width` needs, never a segment cut in two: a narrow
    terminal shows every provider's health too."""
    lines: list[str] = []
    for part in parts:
        if lines and cell_len(lines[-1] + separator + part) <= width:
            lines[-1] += separator + part
        else:
            lines.append(part)
    return "\n".join(lines)


class HeaderBar(Static):
    DEFAULT_CSS = """
    HeaderBar { height: auto; max-height: 4; background: $panel; color: $text; padding: 0 1; }
    HeaderBar.-alert { background: $warning-muted; }
    """

    info: HeaderInfo | None = None
    ledger_down_since: datetime | None = None
    _now: datetime | None = None  # of the last render: a resize re-folds the same text

    def show(self, info: HeaderInfo, now: datetime) -> None:
        self.info = info
        self._render_all(now)

    def show_ledger(self, down_since: datetime | None, now: datetime) -> None:
        """The ledger's state, in front of the last known rest (which may be stale)."""
        self.ledger_down_since = down_since
        self._render_all(now)

    def _render_all(self, now: datetime) -> None:
        self._now = now
        parts, alert = segments(self.info, now) if self.info is not None else (["procdesk"], False)
        ledger = ledger_segment(self.ledger_down_since, now)
        if ledger is not None:
            parts, alert = [ledger, *parts], True
        width = self.content_region.width or self.app.size.width - 2
        if width < NARROW:
            parts = [p for p in parts if p != "procdesk"] or ["procdesk"]
            self.update(fold(parts, width, " │ "))
        else:
            self.update(fold(parts, width))
        self.set_class(alert, "-alert")

    def on_resize(self) -> None:
        if self._now is not None:
            self._render_all(self._now)
