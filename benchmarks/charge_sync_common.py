"""Shared set-up for the charge sync benchmarks: a sandbox in its own process, a ledger full
of pending charges, and the charge loop exactly as `procdesk worker` builds it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from bench_secrets import demo_secrets
from pydantic import SecretStr

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src")]


from procdesk.config import Settings  # noqa: E402
from procdesk.config.autotask import AutotaskConfig  # noqa: E402
from procdesk.config.sync import SyncConfig  # noqa: E402
from procdesk.domain.enums import ChargeStatus, QuoteStatus  # noqa: E402
from procdesk.domain.quote import Quote, QuoteLine  # noqa: E402
from procdesk.integrations.autotask import (  # noqa: E402
    AutotaskClient,
    AutotaskCredentials,
    TicketCharge,
)
from procdesk.sandbox.autotask.demo_data import (  # noqa: E402
    DEMO_CATEGORY_BILLING_CODES,
    DEMO_TICKETS,
)
from procdesk.sandbox.credentials import DEMO_CREDENTIALS  # noqa: E402
from procdesk.services.charges.loop import ChargeSyncLoop  # noqa: E402
from procdesk.store import charges as charge_store  # noqa: E402
from procdesk.store import mappings as mapping_store  # noqa: E402
from procdesk.store.ledger import Ledger  # noqa: E402
from procdesk.store.schema import quote_lines, quotes  # noqa: E402
from procdesk.wiring import Context  # noqa: E402

CATEGORY = "Hardware"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def sandbox(*, latency_ms: int = 0, faults: str = "", seed: int = 1) -> Iterator[str]:
    """`procdesk sandbox` in a child process (so it does not share our GIL); its base URL."""
    port = free_port()
    cmd = [sys.executable, "-m", "procdesk", "sandbox", "--port", str(port), "--seed", str(seed)]
    cmd += ["--latency-ms", str(latency_ms)] + (["--faults", faults] if faults else [])
    with serving(cmd, port) as base:
        yield base


@contextmanager
def serving(cmd: list[str], port: int, *, src: Path = ROOT / "src") -> Iterator[str]:
    """`cmd` (a sandbox listening on `port`, with `src` to import procdesk from) in a child
    process, once it answers; its base URL."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(f"{base}/_sandbox/state", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        else:
            raise RuntimeError("the sandbox did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def bare_client(base: str) -> AutotaskClient:
    """The Autotask client alone (no ledger, no worker) on the sandbox at `base`."""
    creds = DEMO_CREDENTIALS.autotask
    return AutotaskClient(
        AutotaskCredentials(
            username=creds.username,
            integration_code=creds.integration_code,
            secret=SecretStr(creds.secret),
        ),
        base_url=f"{base}/autotask/atservicesrest",
    )


BARE_CHARGE = TicketCharge(
    ticket_id=7001,
    name="bare",
    unit_quantity=Decimal(1),
    unit_price=Decimal(2),
    billing_code_id=DEMO_CATEGORY_BILLING_CODES[CATEGORY],
)


def autotask_requests(base: str) -> int:
    served = httpx.get(f"{base}/_sandbox/state").json()["requests"]["served_per_endpoint"]
    return sum(n for key, n in served.items() if "/autotask/" in key)


def remote_charge_count(base: str) -> int:
    state = httpx.get(f"{base}/_sandbox/state").json()
    return int(state["autotask"]["counts"]["ticketcharges"])


async def add_pending(ledger: Ledger, count: int, *, prefix: str = "B") -> None:
    """`count` pending charges on demo tickets, 50 lines per quote, as the importer makes them."""
    now = datetime.now(UTC)
    async with ledger.write() as conn:
        for q in range(0, count, 50):
            ticket = DEMO_TICKETS[(q // 50) % len(DEMO_TICKETS)]
            quote = {
                "id": f"{prefix}-{q // 50}",
                "title": "benchmark",
                "company_name": "Benchmark Co",
                "ship_to": {
                    "company": "Benchmark Co",
                    "address_lines": ["1 Bench Street"],
                    "city": "Springfield",
                    "country_code": "US",
                },
                "ticket_id": ticket.id,
                "ticket_number": ticket.ticketNumber,
                "status": QuoteStatus.ACCEPTED.value,
                "currency": "USD",
                "content_hash": f"{prefix}-{q}",
                "imported_at": now,
                "updated_at": now,
            }
            await conn.execute(quotes.insert().values(**quote))
            for n in range(1, min(50, count - q) + 1):
                line: dict[str, Any] = {
                    "quote_id": quote["id"],
                    "line_number": n,
                    "sku": f"SKU-{n}",
                    "description": f"Benchmark item {n}",
                    "category": CATEGORY,
                    "distributor": "other",
                    "quantity": Decimal(2),
                    "unit_cost": Decimal("10.00"),
                    "unit_price": Decimal("12.50"),
                }
                line_id = (
                    await conn.execute(
                        quote_lines.insert().values(**line).returning(quote_lines.c.id)
                    )
                ).scalar_one()
                await charge_store.create_pending(
                    conn,
                    quote=Quote.model_validate(quote),
                    line=QuoteLine.model_validate({**line, "id": line_id}),
                    actor="bench",
                    now=now,
                )


async def open_ledger(path: Path) -> Ledger:
    ledger = await Ledger.open(path)
    async with ledger.write() as conn:
        await mapping_store.put(
            conn,
            category=CATEGORY,
            billing_code_id=DEMO_CATEGORY_BILLING_CODES[CATEGORY],
            billing_code_name=None,
            actor="bench",
            now=datetime.now(UTC),
        )
    return ledger


def charge_loop(ledger: Ledger, base: str, **sync: Any) -> ChargeSyncLoop:
    creds = DEMO_CREDENTIALS.autotask
    settings = Settings(
        ledger=str(ledger.url),
        autotask=AutotaskConfig(
            base_url=f"{base}/autotask/atservicesrest",
            username=creds.username,
            integration_code=creds.integration_code,
            timeout_s=sync.pop("timeout_s", 30.0),
        ),
        sync=SyncConfig(**sync),
    )
    return Context(settings, ledger, demo_secrets(), "bench").charge_loop("bench-worker")


async def status_counts(ledger: Ledger) -> dict[str, int]:
    async with ledger.read() as conn:
        return {s.value: len(await charge_store.ids_with_status(conn, s)) for s in ChargeStatus}
