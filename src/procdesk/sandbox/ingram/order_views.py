"""Rendering sandbox orders as Ingram Micro's create, detail and search payloads."""

from __future__ import annotations

from datetime import datetime

from procdesk.sandbox.ingram.orders import (
    CURRENCY,
    ORDER_CANCELED,
    ORDER_DELIVERED,
    ORDER_SHIPPED,
    Order,
    OrderLine,
)
from procdesk.sandbox.ingram.placement import Placement, Rejection
from procdesk.sandbox.ingram.wire_orders import (
    CarrierDetail,
    CreatedLine,
    CreatedOrder,
    DetailLine,
    Link,
    OrderCreateResponse,
    OrderDetail,
    RejectedLine,
    SearchOrder,
    SerialNumber,
    ShipmentDetail,
    SubOrder,
    TrackingDetail,
)


def sub_order_number(order: Order) -> str:
    return f"{order.ingram_order_number}-11"


def _rejected(rejection: Rejection) -> RejectedLine:
    return RejectedLine(
        customerLinenumber=rejection.customer_line_number,
        ingramPartNumber=rejection.ingram_part_number,
        quantityOrdered=rejection.quantity,
        rejectCode=rejection.code,
        rejectReason=rejection.reason,
    )


def created_response(
    placement: Placement, order: Order, now: datetime, details_href: str
) -> OrderCreateResponse:
    lines = [
        CreatedLine(
            subOrderNumber=sub_order_number(order),
            ingramLineNumber=line.ingram_line_number,
            customerLineNumber=line.customer_line_number,
            lineStatus=order.line_status(line, now),
            ingramPartNumber=line.part.ingram_part_number,
            vendorPartNumber=line.part.vendor_part_number,
            unitPrice=line.unit_price,
            extendedUnitPrice=line.extended_price,
            quantityOrdered=line.quantity,
            quantityConfirmed=line.quantity_confirmed,
            quantityBackOrdered=line.quantity_backordered,
        )
        for line in order.lines
    ]
    created = CreatedOrder(
        ingramOrderNumber=order.ingram_order_number,
        ingramOrderDate=order.order_date,
        orderTotal=order.total,
        freightCharges=order.freight,
        totalTax=order.tax,
        currencyCode=CURRENCY,
        numberOfLinesWithSuccess=len(order.lines),
        numberOfLinesWithError=len(placement.rejections),
        numberOfLinesWithWarning=sum(1 for line in order.lines if line.quantity_backordered),
        lines=lines,
        rejectedLineItems=[_rejected(r) for r in placement.rejections],
        links=[Link(topic="orders", href=details_href, type="GET")],
    )
    return OrderCreateResponse(
        customerOrderNumber=order.customer_order_number,
        endCustomerOrderNumber=order.end_customer_order_number,
        purchaseOrderTotal=order.total,
        processedPartially=bool(placement.rejections),
        orders=[created],
    )


def _shipment_details(order: Order, line: OrderLine, now: datetime) -> list[ShipmentDetail]:
    shipped = order.shipped_shipments(line, now)
    return [
        ShipmentDetail(
            quantity=shipment.quantity,
            shippedDate=shipment.ships_at.date().isoformat(),
            estimatedDeliveryDate=shipment.delivers_at.date().isoformat(),
            carrierDetails=[
                CarrierDetail(
                    carrierName=shipment.carrier_name,
                    trackingDetails=[
                        TrackingDetail(
                            trackingNumber=shipment.tracking_number,
                            trackingUrl=shipment.tracking_url,
                            serialNumbers=[
                                SerialNumber(serialNumber=serial)
                                for serial in line.serial_numbers(order.ingram_order_number, index)
                            ],
                        )
                    ],
                )
            ],
        )
        for index, shipment in enumerate(line.shipments)
        if shipment in shipped
    ]


def detail_response(order: Order, now: datetime) -> OrderDetail:
    lines = [
        DetailLine(
            ingramOrderLineNumber=line.ingram_line_number,
            customerLineNumber=line.customer_line_number,
            lineStatus=order.line_status(line, now),
            ingramPartNumber=line.part.ingram_part_number,
            vendorPartNumber=line.part.vendor_part_number,
            partDescription=line.part.description,
            unitPrice=line.unit_price,
            extendedPrice=line.extended_price,
            quantityOrdered=line.quantity,
            quantityConfirmed=line.quantity_confirmed,
            quantityBackOrdered=line.backordered_unshipped(now),
            backOrderETADate=line.backorder_eta.isoformat() if line.backorder_eta else None,
            shipmentDetails=_shipment_details(order, line, now),
        )
        for line in order.lines
    ]
    return OrderDetail(
        ingramOrderNumber=order.ingram_order_number,
        ingramOrderDate=order.order_date,
        customerOrderNumber=order.customer_order_number,
        endCustomerOrderNumber=order.end_customer_order_number,
        orderStatus=order.status(now),
        orderTotal=order.total,
        orderSubTotal=order.subtotal,
        freightCharges=order.freight,
        totalTax=order.tax,
        currencyCode=CURRENCY,
        notes=order.notes,
        lines=lines,
    )


def search_status(order: Order, now: datetime) -> str:
    """The search endpoint's coarse status: OPEN, CLOSED (shipped or delivered) or CANCELLED."""
    status = order.status(now)
    if status == ORDER_CANCELED:
        return "CANCELLED"
    if status in (ORDER_SHIPPED, ORDER_DELIVERED):
        return "CLOSED"
    return "OPEN"


def search_item(order: Order, now: datetime) -> SearchOrder:
    return SearchOrder(
        ingramOrderNumber=order.ingram_order_number,
        ingramOrderDate=order.order_date,
        customerOrderNumber=order.customer_order_number,
        orderStatus=search_status(order, now),
        orderTotal=order.total,
        subOrders=[
            SubOrder(
                subOrderNumber=sub_order_number(order),
                subOrderTotal=order.total,
                subOrderStatus=order.status(now),
            )
        ],
    )
