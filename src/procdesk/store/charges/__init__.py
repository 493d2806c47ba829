"""The charges table: one ticket charge per quote line, and every write to it.

`reads` returns `Charge` records; `queue` is the worker's side (what is due, leases, the
mark before a create is sent), which never writes a status; `writes` holds every status
move. Each move is first checked by the domain (`Charge.check_move`), then written only
while the row still has the status the check saw (compare and set), so a concurrent writer
makes the write a no-op instead of an illegal move. Functions with an `owner` write only
while that worker still holds the charge's lease.

Every function runs in the caller's transaction and appends its events there. Callers use
the package (`from procdesk.store import charges`), not its modules.
"""

from procdesk.store.charges.autotask_state import (
    AutotaskState,
    record_autotask_state,
    record_autotask_states,
)
from procdesk.store.charges.queue import (
    ClaimedCharge,
    claim_due,
    defer,
    due,
    release,
    renew_leases,
    start_send,
)
from procdesk.store.charges.reads import (
    by_line,
    get,
    get_many,
    ids_in_trouble,
    ids_with_status,
    in_error_of_category,
    last_synced_at,
    live_charge_for_line,
    of_quote,
    quote_and_line,
    synced_in_category,
    synced_unbilled_after,
)
from procdesk.store.charges.synced import Synced, mark_synced_many
from procdesk.store.charges.writes import (
    create_pending,
    drop_cancel_request,
    mark_cancelled,
    mark_failed,
    mark_synced,
    postpone,
    request_cancel,
    resolve_ticket,
    retry,
)

__all__ = [
    "AutotaskState",
    "ClaimedCharge",
    "Synced",
    "by_line",
    "claim_due",
    "create_pending",
    "defer",
    "drop_cancel_request",
    "due",
    "get",
    "get_many",
    "ids_in_trouble",
    "ids_with_status",
    "in_error_of_category",
    "last_synced_at",
    "live_charge_for_line",
    "mark_cancelled",
    "mark_failed",
    "mark_synced",
    "mark_synced_many",
    "of_quote",
    "postpone",
    "quote_and_line",
    "record_autotask_state",
    "record_autotask_states",
    "release",
    "renew_leases",
    "request_cancel",
    "resolve_ticket",
    "retry",
    "start_send",
    "synced_in_category",
    "synced_unbilled_after",
]
