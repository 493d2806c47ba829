"""The sandbox's StreamOne ION catalog: cloud products and their SKUs, importable for examples.

Two SKUs are discontinued: orders for them are accepted and then FAILED when processed.
A SKU or product id that is not listed here is unknown: creating an order with it is a 400.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict

SKU_ACTIVE = "ACTIVE"
SKU_DISCONTINUED = "DISCONTINUED"


class IonSku(BaseModel):
    model_config = ConfigDict(frozen=True)

    sku_id: str
    display_name: str
    cost: Decimal  # partner cost per unit per billing period
    msrp: Decimal
    status: str = SKU_ACTIVE

    @property
    def discontinued(self) -> bool:
        return self.status == SKU_DISCONTINUED


class IonProduct(BaseModel):
    model_config = ConfigDict(frozen=True)

    product_id: str
    display_name: str
    skus: tuple[IonSku, ...]


def _sku(sku_id: str, name: str, cost: str, msrp: str, status: str = SKU_ACTIVE) -> IonSku:
    return IonSku(
        sku_id=sku_id, display_name=name, cost=Decimal(cost), msrp=Decimal(msrp), status=status
    )


DEMO_PRODUCTS: tuple[IonProduct, ...] = (
    IonProduct(
        product_id="ms365-business-basic",
        display_name="Microsoft 365 Business Basic",
        skus=(
            _sku("ms365-bb-p1m", "Microsoft 365 Business Basic (monthly)", "6.00", "7.20"),
            _sku("ms365-bb-p1y", "Microsoft 365 Business Basic (annual)", "5.00", "6.00"),
        ),
    ),
    IonProduct(
        product_id="ms365-business-standard",
        display_name="Microsoft 365 Business Standard",
        skus=(
            _sku("ms365-bs-p1m", "Microsoft 365 Business Standard (monthly)", "12.50", "15.00"),
            _sku("ms365-bs-p1y", "Microsoft 365 Business Standard (annual)", "10.42", "12.50"),
        ),
    ),
    IonProduct(
        product_id="ms365-business-premium",
        display_name="Microsoft 365 Business Premium",
        skus=(
            _sku("ms365-bp-p1m", "Microsoft 365 Business Premium (monthly)", "22.00", "26.40"),
            _sku(
                "ms365-bp-legacy",
                "Microsoft 365 Business Premium (legacy, no Teams)",
                "18.33",
                "22.00",
                SKU_DISCONTINUED,
            ),
        ),
    ),
    IonProduct(
        product_id="exchange-online-p1",
        display_name="Exchange Online (Plan 1)",
        skus=(_sku("exo-p1-p1m", "Exchange Online (Plan 1) (monthly)", "4.00", "4.80"),),
    ),
    IonProduct(
        product_id="defender-business",
        display_name="Microsoft Defender for Business",
        skus=(_sku("mdb-p1m", "Microsoft Defender for Business (monthly)", "3.00", "3.60"),),
    ),
    IonProduct(
        product_id="google-workspace",
        display_name="Google Workspace",
        skus=(
            _sku(
                "gws-starter-flex", "Google Workspace Business Starter (flexible)", "7.20", "8.40"
            ),
            _sku(
                "gws-standard-flex",
                "Google Workspace Business Standard (flexible)",
                "14.40",
                "16.80",
            ),
            _sku(
                "gws-basic-legacy",
                "G Suite Basic (legacy)",
                "6.00",
                "6.00",
                SKU_DISCONTINUED,
            ),
        ),
    ),
    IonProduct(
        product_id="acronis-cyber-protect",
        display_name="Acronis Cyber Protect Cloud",
        skus=(
            _sku("acp-workstation", "Acronis Cyber Protect Cloud per workstation", "4.25", "6.00"),
            _sku("acp-server", "Acronis Cyber Protect Cloud per server", "18.50", "25.00"),
        ),
    ),
    IonProduct(
        product_id="adobe-acrobat-pro",
        display_name="Adobe Acrobat Pro for teams",
        skus=(_sku("acrobat-pro-p1y", "Adobe Acrobat Pro for teams (annual)", "19.99", "23.99"),),
    ),
)

_PRODUCTS = {product.product_id: product for product in DEMO_PRODUCTS}


def product_by_id(product_id: str) -> IonProduct | None:
    return _PRODUCTS.get(product_id)


def sku_of(product: IonProduct, sku_id: str) -> IonSku | None:
    return next((sku for sku in product.skus if sku.sku_id == sku_id), None)
