"""Rendering sandbox customers, products and orders as ION v3 resources."""

from __future__ import annotations

from datetime import datetime

from procdesk.sandbox.tdsynnex.catalog import IonProduct
from procdesk.sandbox.tdsynnex.customers import IonCustomer
from procdesk.sandbox.tdsynnex.orders import IonOrder
from procdesk.sandbox.tdsynnex.responses import timestamp
from procdesk.sandbox.tdsynnex.wire import (
    Customer,
    CustomerAddress,
    Order,
    OrderItem,
    Product,
    Sku,
    SkuPrice,
)

CURRENCY = "USD"


def customer_view(customer: IonCustomer, account_id: str) -> Customer:
    return Customer(
        name=f"accounts/{account_id}/customers/{customer.customer_id}",
        customerName=customer.name,
        customerOrganization=customer.name,
        customerEmail=customer.email,
        customerAddress=CustomerAddress(
            street=customer.street,
            city=customer.city,
            state=customer.state,
            zip=customer.zip,
            country=customer.country,
        ),
        customerStatus=customer.status,
        createTime=customer.created,
        updateTime=customer.created,
    )


def product_view(product: IonProduct, account_id: str) -> Product:
    return Product(
        name=f"accounts/{account_id}/products/{product.product_id}",
        displayName=product.display_name,
        skus=[
            Sku(
                id=sku.sku_id,
                displayName=sku.display_name,
                status=sku.status,
                prices=[
                    SkuPrice(priceType="COST", currencyCode=CURRENCY, amount=sku.cost),
                    SkuPrice(priceType="MSRP", currencyCode=CURRENCY, amount=sku.msrp),
                ],
            )
            for sku in product.skus
        ],
    )


def order_view(order: IonOrder, now: datetime) -> Order:
    return Order(
        name=order.resource_name,
        id=order.order_id,
        customerId=order.customer_id,
        referenceId=order.reference_id,
        status=order.status(now),
        statusMessage=order.status_message(now) or None,
        orderItems=[
            OrderItem(
                productId=item.product_id,
                skuId=item.sku_id,
                quantity=item.quantity,
                action=item.action,
            )
            for item in order.items
        ],
        notes=order.notes,
        createTime=timestamp(order.created_at),
        updateTime=timestamp(order.update_time(now)),
    )
