"""Ingram Micro payloads to and from procdesk's distributor models."""

from __future__ import annotations

from datetime import date

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
from procdesk.integrations.ingram.models import (
    DetailLine,
    EndUserInfo,
    OrderCreateLine,
    OrderCreateRequest,
    OrderCreateResponse,
    OrderDetail,
    PriceAvailabilityItem,
    ShipmentDetail,
    ShipToInfo,
)

ORDER_STATUS = {
    "processing": OrderStatus.ORDERED,  # Ingram has it and works on it
    "on hold": OrderStatus.ON_HOLD,
    "backordered": OrderStatus.BACKORDERED,
    "shipped": OrderStatus.SHIPPED,
    "delivered": OrderStatus.DELIVERED,
    "canceled": OrderStatus.CANCELLED,
    "cancelled": OrderStatus.CANCELLED,
}

LINE_STATUS = {
    "in progress": OrderLineStatus.ORDERED,
    "processing": OrderLineStatus.ORDERED,
    "backordered": OrderLineStatus.BACKORDERED,
    "on hold": OrderLineStatus.ON_HOLD,
    "shipped": OrderLineStatus.SHIPPED,
    "delivered": OrderLineStatus.DELIVERED,
    "canceled": OrderLineStatus.CANCELLED,
    "cancelled": OrderLineStatus.CANCELLED,
}


_ORDERABLE = (AvailabilityStatus.AVAILABLE, AvailabilityStatus.BACKORDERABLE)


def order_status(raw: str | None) -> OrderStatus:
    """Unknown values stay visible as raw text and count as still processing."""
    return ORDER_STATUS.get((raw or "").strip().lower(), OrderStatus.PROCESSING)


def line_status(raw: str | None) -> OrderLineStatus:
    return LINE_STATUS.get((raw or "").strip().lower(), OrderLineStatus.ORDERED)


def line_number(raw: str | None) -> int | None:
    text = (raw or "").strip()
    return int(text) if text.isdigit() else None


def parse_date(raw: str | None) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        return None


def create_request(order: OrderRequest) -> OrderCreateRequest:
    ship = order.ship_to
    address = [*ship.address_lines, None, None, None, None]
    return OrderCreateRequest(
        customerOrderNumber=order.reference,
        notes=order.notes or None,
        acceptBackOrder=order.accept_backorder,
        shipToInfo=ShipToInfo(
            companyName=ship.company_name,
            contact=ship.contact or None,
            addressLine1=address[0],
            addressLine2=address[1],
            addressLine3=address[2],
            addressLine4=address[3],
            city=ship.city or None,
            state=ship.state or None,
            postalCode=ship.postal_code or None,
            countryCode=ship.country_code or None,
            phoneNumber=ship.phone or None,
            email=ship.email or None,
        ),
        endUserInfo=EndUserInfo(companyName=order.customer_name),
        lines=[
            OrderCreateLine(
                customerLineNumber=str(line.line_number),
                ingramPartNumber=line.part_number,
                quantity=line.quantity,
                unitPrice=line.expected_unit_price,
            )
            for line in order.lines
        ],
    )


def placed_order(reference: str, raw_status: str, response: OrderCreateResponse) -> PlacedOrder:
    first = response.orders[0]
    accepted = [
        AcceptedLine(
            line_number=line_number(line.customerLineNumber),
            part_number=line.ingramPartNumber or "",
            quantity=line.quantityOrdered or 0,
            confirmed_quantity=line.quantityConfirmed,
            backordered_quantity=line.quantityBackOrdered,
            unit_price=line.unitPrice,
            raw_status=line.lineStatus or "",
        )
        for order in response.orders
        for line in order.lines
    ]
    rejected = [
        RejectedLine(
            line_number=line_number(item.customerLinenumber),
            part_number=item.ingramPartNumber or "",
            quantity=item.quantityOrdered,
            reason=item.rejectReason or "rejected",
            code=item.rejectCode or "",
        )
        for order in response.orders
        for item in order.rejectedLineItems
    ]
    return PlacedOrder(
        reference=response.customerOrderNumber or reference,
        distributor_order_id=first.ingramOrderNumber,
        raw_status=raw_status,
        status=OrderStatus.ORDERED,
        accepted_lines=accepted,
        rejected_lines=rejected,
        total=response.purchaseOrderTotal,
        currency=first.currencyCode,
    )


def shipment(line: DetailLine, index: int, detail: ShipmentDetail, today: date) -> ShipmentSnapshot:
    """One shipment of a line. Ingram gives no shipment id and no proof of delivery per
    package: the id is the tracking number (or the line and position when there is none),
    and a package counts as delivered once the line says Delivered or its estimated delivery
    date has come."""
    carriers = detail.carrierDetails
    trackings = [tracking for carrier in carriers for tracking in carrier.trackingDetails]
    number = next((t.trackingNumber for t in trackings if t.trackingNumber), None)
    eta = parse_date(detail.estimatedDeliveryDate)
    shipped_on = parse_date(detail.shippedDate)
    line_delivered = line_status(line.lineStatus) is OrderLineStatus.DELIVERED
    delivered = line_delivered or (eta is not None and eta <= today)
    return ShipmentSnapshot(
        shipment_id=number or f"{line.customerLineNumber or '?'}#{index + 1}",
        quantity=detail.quantity or 0,
        carrier=next((c.carrierName for c in carriers if c.carrierName), None),
        tracking_number=number,
        tracking_url=next((t.trackingUrl for t in trackings if t.trackingUrl), None),
        shipped_on=shipped_on,
        estimated_delivery_on=eta,
        delivered_on=(eta or shipped_on) if delivered else None,
        serial_numbers=[
            serial.serialNumber
            for tracking in trackings
            for serial in tracking.serialNumbers
            if serial.serialNumber
        ],
    )


def detail_line(line: DetailLine, today: date) -> OrderLineSnapshot:
    carriers = [carrier for shipment in line.shipmentDetails for carrier in shipment.carrierDetails]
    return OrderLineSnapshot(
        line_number=line_number(line.customerLineNumber),
        part_number=line.ingramPartNumber or "",
        raw_status=line.lineStatus or "",
        status=line_status(line.lineStatus),
        quantity=line.quantityOrdered,
        confirmed_quantity=line.quantityConfirmed,
        backordered_quantity=line.quantityBackOrdered,
        backorder_eta=parse_date(line.backOrderETADate),
        carrier=next((c.carrierName for c in carriers if c.carrierName), None),
        tracking_numbers=[
            tracking.trackingNumber
            for carrier in carriers
            for tracking in carrier.trackingDetails
            if tracking.trackingNumber
        ],
        shipments=[
            shipment(line, index, detail, today)
            for index, detail in enumerate(line.shipmentDetails)
        ],
    )


def snapshot(detail: OrderDetail, today: date) -> OrderSnapshot:
    return OrderSnapshot(
        distributor_order_id=detail.ingramOrderNumber,
        reference=detail.customerOrderNumber,
        raw_status=detail.orderStatus or "",
        status=order_status(detail.orderStatus),
        lines=[detail_line(line, today) for line in detail.lines],
    )


def placed_from_detail(detail: OrderDetail) -> PlacedOrder:
    """An order found by reference: what Ingram holds now (rejections are not kept there)."""
    return PlacedOrder(
        reference=detail.customerOrderNumber or "",
        distributor_order_id=detail.ingramOrderNumber,
        raw_status=detail.orderStatus or "",
        status=order_status(detail.orderStatus),
        accepted_lines=[
            AcceptedLine(
                line_number=line_number(line.customerLineNumber),
                part_number=line.ingramPartNumber or "",
                quantity=line.quantityOrdered or 0,
                confirmed_quantity=line.quantityConfirmed,
                backordered_quantity=line.quantityBackOrdered,
                unit_price=line.unitPrice,
                raw_status=line.lineStatus or "",
            )
            for line in detail.lines
        ],
        total=detail.orderTotal,
        currency=detail.currencyCode,
    )


def availability(part: str, item: PriceAvailabilityItem | None) -> PartAvailability:
    if item is None:
        return PartAvailability(part_number=part, status=AvailabilityStatus.UNKNOWN)
    message = item.productStatusMessage or ""
    stock = item.availability
    total = stock.totalAvailability if stock else None
    if (item.productStatusCode or "").upper() == "E" or "discontinu" in message.lower():
        status = (
            AvailabilityStatus.DISCONTINUED
            if "discontinu" in message.lower()
            else AvailabilityStatus.UNKNOWN
        )
    elif (total or 0) > 0 or (stock is not None and stock.available and total is None):
        status = AvailabilityStatus.AVAILABLE
    elif item.acceptBackOrder:
        status = AvailabilityStatus.BACKORDERABLE
    else:
        status = AvailabilityStatus.OUT_OF_STOCK
    pricing = item.pricing
    by_warehouse = stock.availabilityByWarehouse if stock else []
    etas = [eta for w in by_warehouse if (eta := parse_date(w.quantityBackorderedEta)) is not None]
    return PartAvailability(
        part_number=part,
        status=status,
        quantity=total,
        price=pricing.customerPrice if pricing else None,
        currency=pricing.currencyCode if pricing else None,
        raw_status=message or item.productStatusCode or "",
        distributor_part_number=item.ingramPartNumber,
        manufacturer_part_number=item.vendorPartNumber,
        description=item.description or "",
        warehouses=[
            WarehouseStock(
                warehouse=w.location or w.warehouseId or "?", quantity=w.quantityAvailable or 0
            )
            for w in by_warehouse
        ],
        # when more arrives: for a part out of stock, or for the part of a quantity beyond
        # what is in stock (Ingram gives it per warehouse for backorderable parts)
        eta=min(etas) if etas and status in _ORDERABLE else None,
    )
