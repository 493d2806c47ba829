"""TD SYNNEX XML replies to and from procdesk's distributor models.

- A part number made of digits only is a TD SYNNEX SKU; anything else is a manufacturer
  part number (`part_query`, `order_line`).
- Our order reference is the PO number, and TD SYNNEX's order status is looked up by PO
  number, so the PO number is the order's `distributor_order_id`; TD SYNNEX's own order
  numbers (one per warehouse it ships from) are shown in the status text.
- Line codes (the sandbox's vocabulary; TD SYNNEX's is UNVERIFIED): accepted, backordered,
  shipped, delivered, rejected; anything else counts as ordered and stays visible as text.
  A non-stock quote line (SKU 99 / QO) is rejected: it never ships.
"""

from __future__ import annotations

from decimal import Decimal

from procdesk.domain.enums import OrderLineStatus, OrderStatus
from procdesk.integrations.distributor.models import (
    AcceptedLine,
    AvailabilityStatus,
    OrderLineSnapshot,
    OrderRequest,
    OrderSnapshot,
    PartAvailability,
    PlacedOrder,
    RejectedLine,
    ShipmentSnapshot,
    WarehouseStock,
)
from procdesk.integrations.tdsynnex_xml.order_line import OrderLineFields
from procdesk.integrations.tdsynnex_xml.order_status import OrderStatus as XmlOrderStatus
from procdesk.integrations.tdsynnex_xml.order_status import StatusLine
from procdesk.integrations.tdsynnex_xml.price_availability import PartQuery, PriceAvailabilityLine
from procdesk.integrations.tdsynnex_xml.purchase_order import (
    Address,
    Contact,
    OrderResponse,
    PurchaseOrder,
    PurchaseOrderLine,
)

LINE_STATUS = {
    "accepted": OrderLineStatus.ORDERED,
    "backordered": OrderLineStatus.BACKORDERED,
    "shipped": OrderLineStatus.SHIPPED,
    "delivered": OrderLineStatus.DELIVERED,
    "rejected": OrderLineStatus.REJECTED,
    "cancelled": OrderLineStatus.CANCELLED,
}
# Ship methods by country: FedEx Ground in the US, UPS Ground in Canada.
SHIP_METHOD = {"CA": "UPG"}
DEFAULT_SHIP_METHOD = "FG"
_CENT = Decimal("0.01")


def part_query(part: str) -> PartQuery:
    return PartQuery.sku(part) if part.isdigit() else PartQuery.mfg(part)


def availability(part: str, line: PriceAvailabilityLine) -> PartAvailability:
    """One P&A line. In stock on a shelf or at the manufacturer: available; an active part
    with no stock: backorderable (TD SYNNEX takes backorders; its P&A gives no ETA)."""
    if not line.found:
        status = AvailabilityStatus.UNKNOWN
    elif line.discontinued:
        status = AvailabilityStatus.DISCONTINUED
    elif line.shelf_quantity + line.drop_ship_quantity > 0:
        status = AvailabilityStatus.AVAILABLE
    else:
        status = AvailabilityStatus.BACKORDERABLE
    found = line.found
    return PartAvailability(
        part_number=part,
        status=status,
        quantity=line.shelf_quantity + line.drop_ship_quantity if found else None,
        price=line.price if found else None,
        currency="USD" if found and line.price is not None else None,
        raw_status=line.status,
        distributor_part_number=line.synnex_sku if found else None,
        manufacturer_part_number=line.mfg_pn or None,
        description=line.description,
        warehouses=[
            WarehouseStock(
                warehouse=_warehouse_name(w.info.number, w.info.city),
                quantity=w.qty,
                drop_ship=w.drop_ship,
            )
            for w in line.warehouses
        ],
    )


def _warehouse_name(number: int, city: str) -> str:
    return f"{number} {city}".strip() if city else str(number)


def purchase_order(order: OrderRequest) -> PurchaseOrder:
    """Raises ValueError (pydantic's) when the ship-to lacks what TD SYNNEX needs."""
    ship = order.ship_to
    lines = [*ship.address_lines, "", ""]
    contact = (
        Contact(name=ship.contact, phone=ship.phone, email=ship.email) if ship.contact else None
    )
    return PurchaseOrder(
        po_number=order.reference,
        ship_to=Address(
            name=ship.company_name,
            line1=lines[0],
            line2=lines[1],
            city=ship.city,
            state=ship.state,
            zip_code=ship.postal_code,
            country=ship.country_code,
        ),
        contact=contact,
        ship_method=SHIP_METHOD.get(ship.country_code, DEFAULT_SHIP_METHOD),
        accept_backorder=order.accept_backorder,
        end_user_po_number=order.customer_name[:30],
        comment=order.notes[:200],
        lines=[
            PurchaseOrderLine(
                line_number=line.line_number,
                unit_price=(line.expected_unit_price or Decimal(0)).quantize(_CENT),
                quantity=line.quantity,
                **(
                    {"synnex_sku": line.part_number}
                    if line.part_number.isdigit()
                    else {"mfg_pn": line.part_number}
                ),
            )
            for line in order.lines
        ],
    )


def _part(line: OrderLineFields) -> str:
    return line.mfg_pn or line.sku


def _status_text(code: str, order_numbers: list[str]) -> str:
    numbers = ", ".join(order_numbers)
    return f"{code} (TD SYNNEX order {numbers})" if numbers else code


def placed_order(response: OrderResponse) -> PlacedOrder:
    return PlacedOrder(
        reference=response.po_number,
        distributor_order_id=response.po_number,
        raw_status=_status_text(response.code, response.order_numbers),
        status=OrderStatus.ORDERED,
        accepted_lines=[
            AcceptedLine(
                line_number=line.line_number,
                part_number=_part(line),
                quantity=line.order_quantity or 0,
                confirmed_quantity=line.order_quantity,
                raw_status=line.code,
            )
            for line in response.accepted_lines
        ],
        rejected_lines=[
            RejectedLine(
                line_number=line.line_number,
                part_number=_part(line),
                quantity=line.order_quantity,
                reason=line.problem or "rejected",
                code=line.code,
            )
            for line in response.rejected_lines
        ],
    )


def line_status(line: StatusLine) -> OrderLineStatus:
    if line.non_stock:
        return OrderLineStatus.REJECTED
    return LINE_STATUS.get(line.code.strip().lower(), OrderLineStatus.ORDERED)


def _line_snapshot(line: StatusLine) -> OrderLineSnapshot:
    status = line_status(line)
    shipped_on = line.ship_datetime.date() if line.ship_datetime else None
    delivered = status is OrderLineStatus.DELIVERED
    quantity = line.order_quantity
    return OrderLineSnapshot(
        line_number=line.line_number,
        part_number=_part(line),
        raw_status=line.code,
        status=status,
        quantity=quantity,
        confirmed_quantity=quantity if status is not OrderLineStatus.REJECTED else 0,
        backordered_quantity=(
            max((quantity or 0) - line.ship_quantity, 0)
            if status is OrderLineStatus.BACKORDERED
            else None
        ),
        backorder_eta=line.eta_date if status is OrderLineStatus.BACKORDERED else None,
        carrier=line.ship_method or None,
        tracking_numbers=line.tracking_numbers,
        shipments=[
            ShipmentSnapshot(
                # TD SYNNEX gives packages no id: the tracking number, else line and position
                shipment_id=package.tracking_number or f"{line.line_number}#{index + 1}",
                quantity=package.ship_item_quantity or 0,
                carrier=line.ship_method or None,
                tracking_number=package.tracking_number or None,
                shipped_on=shipped_on,
                estimated_delivery_on=line.estimated_delivery_date,
                delivered_on=line.estimated_delivery_date if delivered else None,
                serial_numbers=package.serial_numbers,
            )
            for index, package in enumerate(line.packages)
        ],
    )


def order_status(lines: list[OrderLineSnapshot]) -> OrderStatus:
    """The order's status from its lines: the least advanced line that will ship decides."""
    live = [line.status for line in lines if line.status is not OrderLineStatus.REJECTED]
    if not live:
        return OrderStatus.ERROR if lines else OrderStatus.ORDERED
    if all(s is OrderLineStatus.CANCELLED for s in live):
        return OrderStatus.CANCELLED
    if all(s is OrderLineStatus.DELIVERED for s in live):
        return OrderStatus.DELIVERED
    if all(s in (OrderLineStatus.SHIPPED, OrderLineStatus.DELIVERED) for s in live):
        return OrderStatus.SHIPPED
    if any(s is OrderLineStatus.BACKORDERED for s in live):
        return OrderStatus.BACKORDERED
    return OrderStatus.ORDERED


def snapshot(reply: XmlOrderStatus) -> OrderSnapshot:
    lines = [_line_snapshot(line) for line in reply.lines]
    numbers = sorted({line.order_number for line in reply.lines if line.order_number})
    rejected = [line for line in reply.lines if line_status(line) is OrderLineStatus.REJECTED]
    return OrderSnapshot(
        distributor_order_id=reply.po_number,
        reference=reply.po_number,
        raw_status=_status_text(reply.code, numbers),
        status=order_status(lines),
        message="; ".join(
            f"line {line.line_number}: {line.reason or line.product_name or line.code}"
            for line in rejected
        )
        or reply.reason,
        lines=lines,
    )


def placed_from_status(reply: XmlOrderStatus) -> PlacedOrder:
    """An order found by PO number: what TD SYNNEX holds now."""
    found = snapshot(reply)
    return PlacedOrder(
        reference=reply.po_number,
        distributor_order_id=reply.po_number,
        raw_status=found.raw_status,
        status=found.status if found.status is not OrderStatus.ERROR else OrderStatus.ORDERED,
        accepted_lines=[
            AcceptedLine(
                line_number=line.line_number,
                part_number=line.part_number,
                quantity=line.quantity or 0,
                confirmed_quantity=line.confirmed_quantity,
                backordered_quantity=line.backordered_quantity,
                raw_status=line.raw_status,
            )
            for line in found.lines
            if line.status is not OrderLineStatus.REJECTED
        ],
        rejected_lines=[
            RejectedLine(
                line_number=line.line_number,
                part_number=line.part_number,
                quantity=line.quantity,
                reason=line.raw_status or "rejected",
                code=line.raw_status,
            )
            for line in found.lines
            if line.status is OrderLineStatus.REJECTED
        ],
    )
