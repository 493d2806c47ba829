"""Placing a TD SYNNEX XML purchase order: what each line becomes, from one seeded RNG.

Per line (the sandbox's rules; only the non-stock trap is from the public facts):
- an SKU (or, without SKU, an MfgPN) the catalog does not know becomes a non-stock quote
  line: "accepted", SKU 99, ProductName NON-STOCK, OrderType QO, its own order number, and
  it never ships;
- a discontinued part is rejected (Code `rejected` with a Reason);
- short stock with BackOrderFlag N is rejected; otherwise the shortfall is backordered and
  ships at the part's restock ETA;
- the line ships from the requested ShipFromWarehouse when that warehouse holds the whole
  quantity, else from the warehouse holding most; a part with no shelf stock whose
  manufacturer drop-ship (warehouse 98) covers the quantity ships from 98 (OrderType DS).
One order number per ship-from warehouse, and one for the order's non-stock lines.
An order whose every line is rejected is refused as a whole and not kept.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal

from procdesk.sandbox.synnexxml.catalog import SynnexPart, part_by_mfg_pn, part_by_sku
from procdesk.sandbox.synnexxml.order_request import Item, OrderRequest
from procdesk.sandbox.synnexxml.orders import (
    DROP_SHIP_ORDER,
    DROP_SHIP_TIME,
    NON_STOCK_NAME,
    NON_STOCK_SKU,
    PROCESSING_TIME,
    QUOTE_ORDER,
    STOCK_ORDER,
    OrderLine,
    Package,
    Shipment,
    XmlOrder,
)
from procdesk.sandbox.synnexxml.warehouses import DROP_SHIP, STOCK_WAREHOUSES, warehouse

PACKAGE_WEIGHT_LIMIT = Decimal("20")  # pounds of product per carton
MAX_UNITS_PER_PACKAGE = 10
CARTON_WEIGHT = Decimal("0.5")


class OrderRefused(Exception):
    pass


@dataclass
class Numbers:
    """Order numbers, tracking numbers and serials: unique, and the same for the same seed."""

    rng: random.Random
    used: set[str] = field(default_factory=set)

    def _fresh(self, alphabet: str, length: int) -> str:
        while True:
            value = "".join(self.rng.choices(alphabet, k=length))
            if value not in self.used:
                self.used.add(value)
                return value

    def order_number(self) -> str:
        return self._fresh(string.digits, 8)

    def tracking_number(self, ship_method: str) -> str:
        if ship_method.startswith("F"):  # FedEx codes (FG, FX, F2, ...)
            return self._fresh(string.digits, 12)
        return "1Z" + self._fresh(_ALNUM, 16)

    def serial_number(self) -> str:
        return self._fresh(_ALNUM, 10)


_ALNUM = string.ascii_uppercase + string.digits


def _resolve(item: Item) -> SynnexPart | None:
    if item.sku is not None:
        return part_by_sku(item.sku) if item.sku.isdigit() else None
    return part_by_mfg_pn(item.mfg_pn or "")


def _source(part: SynnexPart, quantity: int, requested: int | None) -> int:
    """The warehouse a line ships from (see the module docstring)."""
    if requested is not None and part.stock_at(requested) >= quantity:
        return requested
    if part.shelf_stock == 0 and part.stock_at(DROP_SHIP.number) >= quantity:
        return DROP_SHIP.number
    best = max(STOCK_WAREHOUSES, key=lambda w: (part.stock_at(w.number), -w.number))
    return best.number


def _units_per_package(part: SynnexPart) -> int:
    fits = int(PACKAGE_WEIGHT_LIMIT // part.unit_weight) if part.unit_weight else 1
    return max(1, min(fits, MAX_UNITS_PER_PACKAGE))


class Placer:
    def __init__(self, numbers: Numbers) -> None:
        self.numbers = numbers

    def _packages(self, part: SynnexPart, quantity: int, ship_method: str) -> tuple[Package, ...]:
        per_box = _units_per_package(part)
        packages = []
        for start in range(0, quantity, per_box):
            units = min(per_box, quantity - start)
            serials = [self.numbers.serial_number() for _ in range(units if part.serialized else 0)]
            packages.append(
                Package(
                    tracking_number=self.numbers.tracking_number(ship_method),
                    weight=part.unit_weight * units + CARTON_WEIGHT,
                    serial_numbers=tuple(serials),
                    quantity=units,
                )
            )
        return tuple(packages)

    def _shipment(
        self, part: SynnexPart, quantity: int, at: datetime, method: str, *, backorder: bool
    ) -> Shipment:
        return Shipment(quantity, at, backorder, self._packages(part, quantity, method))

    def _stock_line(
        self, base: OrderLine, part: SynnexPart, request: OrderRequest, now: datetime
    ) -> OrderLine:
        quantity, method = base.quantity, base.ship_method
        source = _source(part, quantity, request.shipment.ship_from_warehouse)
        if source == DROP_SHIP.number:
            shipment = self._shipment(part, quantity, now + DROP_SHIP_TIME, method, backorder=False)
            return replace(
                base, order_type=DROP_SHIP_ORDER, warehouse=source, shipments=(shipment,)
            )
        on_shelf = min(part.stock_at(source), quantity)
        short = quantity - on_shelf
        if short and request.back_order_flag == "N":
            reason = f"Only {on_shelf} of SKU {part.sku} in stock and BackOrderFlag is N."
            return replace(base, rejection=reason)
        shipments = []
        if on_shelf:
            shipments.append(
                self._shipment(part, on_shelf, now + PROCESSING_TIME, method, backorder=False)
            )
        eta_at = now + timedelta(days=part.restock_days)
        if short:
            shipments.append(self._shipment(part, short, eta_at, method, backorder=True))
        return replace(
            base,
            order_type=STOCK_ORDER,
            warehouse=source,
            eta=eta_at.date() if short else None,
            shipments=tuple(shipments),
        )

    def _line(self, item: Item, request: OrderRequest, now: datetime) -> OrderLine:
        part = _resolve(item)
        method = request.shipment.ship_method.code
        if part is None:
            return OrderLine(
                line_number=item.line_number,
                sku=NON_STOCK_SKU,
                mfg_pn=item.mfg_pn or item.sku or "",
                product_name=NON_STOCK_NAME,
                quantity=item.order_quantity,
                unit_price=item.unit_price,
                ship_method=method,
                order_type=QUOTE_ORDER,
                customer_part_number=item.customer_part_number,
            )
        base = OrderLine(
            line_number=item.line_number,
            sku=part.sku,
            mfg_pn=part.mfg_pn,
            product_name=part.description,
            quantity=item.order_quantity,
            unit_price=part.price,
            ship_method=method,
            customer_part_number=item.customer_part_number,
        )
        if part.discontinued:
            return replace(base, rejection=f"SKU {part.sku} is discontinued.")
        return self._stock_line(base, part, request, now)

    def _numbered(self, lines: list[OrderLine]) -> tuple[OrderLine, ...]:
        numbers: dict[object, str] = {}
        numbered = []
        for line in lines:
            if line.rejection is not None:
                numbered.append(line)
                continue
            key = QUOTE_ORDER if line.non_stock else line.warehouse
            if key not in numbers:
                numbers[key] = self.numbers.order_number()
            numbered.append(replace(line, order_number=numbers[key]))
        return tuple(numbered)

    def place(self, request: OrderRequest, now: datetime) -> XmlOrder:
        requested = request.shipment.ship_from_warehouse
        if requested is not None and warehouse(requested) is None:
            raise OrderRefused(f"ShipFromWarehouse {requested} is not a TD SYNNEX warehouse.")
        lines = [self._line(item, request, now) for item in request.items.items]
        if all(line.rejection is not None for line in lines):
            reasons = " ".join(line.rejection or "" for line in lines)
            raise OrderRefused(f"No line of PO {request.po_number} can be ordered: {reasons}")
        return XmlOrder(
            po_number=request.po_number,
            customer_number=request.customer_number,
            created_at=now,
            lines=self._numbered(lines),
            drop_ship=request.drop_ship_flag == "Y",
        )
