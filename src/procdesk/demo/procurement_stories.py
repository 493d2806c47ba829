"""The demo's procurement stories that need records of their own.

An order stuck in "Processing": quote Q-1007 (headsets for Adatum's support desk) is
ordered through TD SYNNEX's XML interface, the one distributor door that works from the
first minute of the demo. For the first minutes of demo time TD SYNNEX answers that order's
requests (its PO and its status look-ups, found by our reference) with a server error, while
every other order goes through. The workers retry by themselves; after two minutes in
processing (the demo's threshold; 30 by default) the order is flagged stuck with the error
details; once the outage is over, a retry from the dashboard (or the workers' next attempt)
places it, exactly once: the look-up by reference comes first.

Ingram Micro refusing the app's credentials: procdesk renews Ingram's access tokens by
itself, so a token running out is nobody's problem. What does need a person is the app's
client secret being replaced at Ingram's developer portal: twenty minutes into the demo (demo
time) the sandbox rotates it, revokes the tokens issued so far, and from then on every
Ingram call fails with an authentication error; the workers pause Ingram work and open one
credential issue, the header says the same, and re-authenticating with the new secret the
guide shows lets the paused orders go, each placed once. The invalid-customer-number story
is on Ingram too but is there from the first minute, so by then it is normally fixed; if it
is not, the one re-authentication (right number, new secret) fixes both.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from procdesk.domain.enums import Distributor
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.faults import FaultKind, FaultRule
from procdesk.sandbox.ingram.state import IngramSandbox
from procdesk.sandbox.server import SandboxServer
from procdesk.store.order_rows import reference_prefix

STUCK_QUOTE_ID = "Q-1007"
STUCK_AFTER_MINUTES = 2  # the demo's "stuck in processing" threshold
# How long TD SYNNEX cannot answer for the stuck order, in demo time from the start.
STUCK_OUTAGE = timedelta(minutes=4)

STUCK_QUOTE: dict[str, Any] = {
    "id": STUCK_QUOTE_ID,
    "title": "Headsets for support desk",
    "company_name": "Adatum Veterinary Clinics",
    "ticket_id": 7015,
    "ticket_number": "T20261120.0015",
    "status": "accepted",
    "currency": "USD",
    "ship_to": {
        "company": "Adatum Veterinary Clinics",
        "contact": "Support desk, attn. Lena Ortiz",
        "address_lines": ["42 Meadow Lane"],
        "city": "Boise",
        "state": "ID",
        "postal_code": "83702",
        "country_code": "US",
        "phone": "+1 208 555 0119",
    },
    "lines": [
        {
            "line_number": 1,
            "sku": "26599-989-999",
            "description": "Jabra Evolve2 65 Wireless Headset (TD SYNNEX is unavailable for "
            "this order for a few minutes: stuck in processing)",
            "category": "Hardware",
            "distributor": "tdsynnex",
            "channel": "xml",
            "quantity": 6,
            "unit_cost": "205.00",
            "unit_price": "249.00",
        }
    ],
}

STORY_QUOTES: list[dict[str, Any]] = [STUCK_QUOTE]


def stuck_order_outage(start: datetime) -> FaultRule:
    """TD SYNNEX's XML interface fails every request about Q-1007's order until
    `start` + STUCK_OUTAGE (sandbox time)."""
    return FaultRule(
        provider="tdsynnex_xml",
        method="POST",
        kind=FaultKind.ERROR_500,
        body_contains=reference_prefix(STUCK_QUOTE_ID, Distributor.TDSYNNEX_XML),
        until=start + STUCK_OUTAGE,
    )


INGRAM_SECRET_ROTATES_AFTER = timedelta(minutes=20)  # demo time from the start


def rotate_ingram_secret_later(sandbox: SandboxServer) -> datetime:
    """Schedule the rotation of the demo app's Ingram secret; returns when it happens."""
    ingram = sandbox.runtime.distributors["ingram"]
    if not isinstance(ingram, IngramSandbox):
        raise TypeError(f"the sandbox's ingram is a {type(ingram).__name__}")
    at = ingram.clock.now() + INGRAM_SECRET_ROTATES_AFTER
    creds = DEMO_CREDENTIALS.ingram
    ingram.tokens.rotate_secret(creds.client_id, creds.rotated_client_secret, at)
    return at
