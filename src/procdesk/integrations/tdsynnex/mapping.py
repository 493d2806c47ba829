"""TD SYNNEX ION payloads to procdesk's distributor models."""

from __future__ import annotations

from procdesk.domain.enums import OrderLineStatus, OrderStatus
from procdesk.domain.purchase_order import provisioned_shipment_id
from procdesk.integrations.distributor.models import (
    AcceptedLine,
    AvailabilityStatus,
    OrderLineSnapshot,
    OrderRequest,
    OrderSnapshot,
    PartAvailability,
    PlacedOrder,
    ShipmentSnapshot,
)
from procdesk.integrations.tdsynnex.models import Order, OrderItem, Product, last_segment

ORDER_STATUS = {
    "IN_PROGRESS": OrderStatus.ORDERED,  # ION has the order and works on it
    "COMPLETED": OrderStatus.DELIVERED,  # provisioned: nothing ships for a subscription
    "FAILED": OrderStatus.ERROR,
    "CANCELLED": OrderStatus.CANCELLED,
    "CANCELED": OrderStatus.CANCELLED,
}

LINE_STATUS = {
    "IN_PROGRESS": OrderLineStatus.ORDERED,
    "COMPLETED": OrderLineStatus.DELIVERED,
    "FAILED": OrderLineStatus.REJECTED,
    "CANCELLED": OrderLineStatus.CANCELLED,
    "CANCELED": OrderLineStatus.CANCELLED,
}

INACTIVE_MARKERS = ("DISCONTINU", "INACTIVE", "RETIRED", "END_OF_SALE", "END_OF_LIFE")


def order_status(raw: str | None) -> OrderStatus:
    """Unknown values stay visible as raw text and count as still processing."""
    return ORDER_STATUS.get((raw or "").strip().upper(), OrderStatus.PROCESSING)


def line_status(raw: str | None, order_raw: str | None) -> OrderLineStatus:
    return LINE_STATUS.get((raw or order_raw or "").strip().upper(), OrderLineStatus.ORDERED)


def _line_numbers(items: list[OrderItem], request: OrderRequest | None) -> list[int | None]:
    """ION does not echo line numbers: items come back in the order they were sent."""
    if request is None or len(request.lines) != len(items):
        return [None] * len(items)
    return [line.line_number for line in request.lines]


def placed_order(order: Order, request: OrderRequest | None) -> PlacedOrder:
    numbers = _line_numbers(order.orderItems, request)
    return PlacedOrder(
        reference=order.referenceId or (request.reference if request else ""),
        distributor_order_id=order.name,
        raw_status=order.status or "",
        status=order_status(order.status),
        accepted_lines=[
            AcceptedLine(
                line_number=number,
                part_number=item.skuId or "",
                quantity=item.quantity or 0,
                raw_status=item.status or order.status or "",
            )
            for number, item in zip(numbers, order.orderItems, strict=True)
        ],
    )


def provisioned(order: Order, index: int, item: OrderItem) -> list[ShipmentSnapshot]:
    """A completed item of a cloud order as one delivery in full: nothing ships for a
    subscription, so the line counts as arrived (and is received in Autotask) on the day
    ION completed the order. Its id is derived from the order and the item's place in it
    (ION does not number lines), so reading the order again finds the same one."""
    if line_status(item.status, order.status) is not OrderLineStatus.DELIVERED:
        return []
    when = order.updateTime or order.createTime
    day = when.date() if when is not None else None
    order_id = order.id or last_segment(order.name)
    return [
        ShipmentSnapshot(
            shipment_id=provisioned_shipment_id(order_id, index + 1),
            quantity=item.quantity or 0,
            shipped_on=day,
            delivered_on=day,
        )
    ]


def snapshot(order: Order) -> OrderSnapshot:
    return OrderSnapshot(
        distributor_order_id=order.name,
        reference=order.referenceId,
        raw_status=order.status or "",
        status=order_status(order.status),
        message=order.statusMessage or "",
        lines=[
            OrderLineSnapshot(
                line_number=None,
                part_number=item.skuId or "",
                raw_status=item.status or order.status or "",
                status=line_status(item.status, order.status),
                quantity=item.quantity,
                shipments=provisioned(order, index, item),
            )
            for index, item in enumerate(order.orderItems)
        ],
    )


def availability(sku_id: str, product: Product | None) -> PartAvailability:
    """Cloud SKUs have no stock: a SKU ION offers is available, one it does not is unknown."""
    if product is None:
        return PartAvailability(part_number=sku_id, status=AvailabilityStatus.UNKNOWN)
    sku = next(sku for sku in product.skus if sku.id == sku_id)
    raw = sku.status or product.status or ""
    inactive = any(marker in raw.upper() for marker in INACTIVE_MARKERS)
    priced = [p for p in sku.prices if p.value is not None]
    price = next((p for p in priced if p.is_our_cost), priced[0] if priced else None)
    return PartAvailability(
        part_number=sku_id,
        status=AvailabilityStatus.DISCONTINUED if inactive else AvailabilityStatus.AVAILABLE,
        price=price.value if price else None,
        currency=(price.currency or price.currencyCode) if price else None,
        raw_status=raw,
    )
