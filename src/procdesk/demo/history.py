"""What the demo's synthetic history is made of: parts the sandbox's distributors really
sell, at their current cost, so orders seeded in a live state are sent, confirmed and
shipped like any other (never "Invalid SKU"), and `v` shows their stock and price.

Seeded orders alternate Ingram Micro and TD SYNNEX (`store.seed.SeedPlan.items`): even items
are Ingram Micro hardware with stock for any seeded quantity, odd ones StreamOne ION
subscriptions.
"""

from __future__ import annotations

from procdesk.sandbox.ingram.catalog import part_by_ingram_number
from procdesk.sandbox.tdsynnex.catalog import DEMO_PRODUCTS
from procdesk.store.seed import SeedItem

HARDWARE = (  # Ingram part number, the demo's category
    ("5QW330", "Hardware"),
    ("8KN115", "Hardware"),
    ("1CV093", "Networking"),
    ("5LG120", "Hardware"),
)
SUBSCRIPTIONS = ("ms365-bp-p1m", "ms365-bs-p1m", "exo-p1-p1m", "mdb-p1m")


def _hardware(ingram_part: str, category: str) -> SeedItem:
    part = part_by_ingram_number(ingram_part)
    if part is None:
        raise LookupError(f"the sandbox's Ingram catalogue has no part {ingram_part}")
    return SeedItem(
        part.vendor_part_number, part.ingram_part_number, part.description, category,
        part.customer_price,
    )  # fmt: skip


def _subscription(sku_id: str) -> SeedItem:
    sku = next((s for p in DEMO_PRODUCTS for s in p.skus if s.sku_id == sku_id), None)
    if sku is None:
        raise LookupError(f"the sandbox's ION catalogue has no SKU {sku_id}")
    return SeedItem(sku.sku_id, sku.sku_id, sku.display_name, "Licensing", sku.cost)


def history_items() -> list[SeedItem]:
    """Ingram hardware at even places, ION subscriptions at odd ones."""
    hardware = [_hardware(part, category) for part, category in HARDWARE]
    subscriptions = [_subscription(sku) for sku in SUBSCRIPTIONS]
    return [item for pair in zip(hardware, subscriptions, strict=True) for item in pair]
