"""The composition root: the one place that builds clients, services and work loops.

A `Context` is what every process has (the settings, the open ledger, the keyring, who acts
and the clock); its methods build everything else from it. The CLI, the dashboard, the
worker, the demo, the tests and the benchmarks get their objects here, so a client is
configured the same way wherever it is used. Services never build clients or read the
keyring themselves: they receive what they need as arguments.

Provider settings are read when a client is built (`Context.current_settings`), so fields
changed by re-authentication while a process runs are used from the next client on.

`profile` holds secrets per profile and opens the ledger; `clients` builds provider clients;
`context` is the `Context` and `open_context`; `doctor` builds what `procdesk doctor`
checks with. Callers import from the package; `doctor` (every check's service) loads only
when one of its names is first used, so the dashboard's start does not pay for it.
"""

from typing import TYPE_CHECKING

from procdesk.wiring.clients import (
    autotask_client_for_secret,
    distributor_client,
    distributor_client_for_secret,
)
from procdesk.wiring.context import Context, open_context
from procdesk.wiring.profile import (
    current_profile,
    ledger_password,
    open_ledger,
    secret_store,
    store_ledger_password,
)

if TYPE_CHECKING:
    from procdesk.wiring.doctor import diagnose, doctor_env

_LAZY = {"diagnose", "doctor_env"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from procdesk.wiring import doctor

        return getattr(doctor, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Context",
    "autotask_client_for_secret",
    "current_profile",
    "diagnose",
    "distributor_client",
    "distributor_client_for_secret",
    "doctor_env",
    "ledger_password",
    "open_context",
    "open_ledger",
    "secret_store",
    "store_ledger_password",
]
