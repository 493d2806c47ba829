"""Provider health read from the ledger: the one service every surface asks.

The header, the Connections and re-authentication screens, `procdesk auth status` and
`procdesk doctor` read health here and nowhere else; the rule is `domain.health`.
"""

from __future__ import annotations

from datetime import datetime

from procdesk.domain.clock import Clock, utc_now
from procdesk.domain.enums import Provider
from procdesk.domain.health import Condition, ProviderHealth, provider_health
from procdesk.store import credentials as credential_store
from procdesk.store import issues as issue_store
from procdesk.store.ledger import Ledger


class HealthService:
    def __init__(self, ledger: Ledger, *, clock: Clock = utc_now) -> None:
        self._ledger = ledger
        self._clock = clock

    def now(self) -> datetime:
        return self._clock()

    async def all(self) -> list[ProviderHealth]:
        """Every provider's health, in `Provider` order, from one consistent read."""
        async with self._ledger.read() as conn:
            known = {r.provider: r for r in await credential_store.list_all(conn)}
            open_issues = await issue_store.list_open_health(conn)
        now = self.now()
        return [provider_health(p, known.get(p), open_issues, now) for p in Provider]

    async def one(self, provider: Provider) -> ProviderHealth:
        return next(h for h in await self.all() if h.provider is provider)


PROVIDER_TITLE = {
    Provider.AUTOTASK: "Autotask",
    Provider.INGRAM: "Ingram Micro",
    Provider.TDSYNNEX: "TD SYNNEX",
    Provider.TDSYNNEX_XML: "TD SYNNEX hardware (XML)",
}


def left_text(until: datetime | None, now: datetime) -> str:
    """'45m', '5h59m', '3d 4h'; '' when unknown; 'expired' once past."""
    if until is None:
        return ""
    seconds = int((until - now).total_seconds())
    if seconds <= 0:
        return "expired"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes}m"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours}h{minutes:02d}m"
    days, hours = divmod(hours, 24)
    return f"{days}d {hours}h"


def state_text(health: ProviderHealth, now: datetime) -> str:
    """The provider's state in a few words, the same on every surface: "ok, 5d 2h left",
    "expires in 45m", "expired", "login rejected", "invalid customer number"."""
    left = left_text(health.expires_at, now)
    match health.condition:
        case Condition.OK:
            return f"ok, {left} left" if left and left != "expired" else "ok"
        case Condition.EXPIRING:
            return f"expires in {left}"
        case Condition.EXPIRED:
            return "expired: re-authenticate"
        case Condition.REJECTED:
            return "login rejected"
        case Condition.INVALID_CUSTOMER_NUMBER:
            return "invalid customer number"
        case Condition.NOT_ANSWERING:
            return "not answering (work waits, retries by itself)"
        case Condition.UNCHECKED:
            return "never checked"
