"""The sandbox's TD SYNNEX warehouses, plus warehouse 98, the manufacturer's direct shipment.

Warehouse numbers and cities follow TD SYNNEX's US distribution centres as public client
code lists them; the street addresses and zip codes are the sandbox's own. Warehouse 98
("MFG Drop Shipped") is stock the manufacturer ships directly, not TD SYNNEX's shelves.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

DROP_SHIP_WAREHOUSE = 98


class Warehouse(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    zipcode: str
    city: str
    addr: str


STOCK_WAREHOUSES: tuple[Warehouse, ...] = (
    Warehouse(number=3, zipcode="94538", city="Fremont", addr="100 Sandbox Parkway"),
    Warehouse(number=6, zipcode="60139", city="Glendale Heights", addr="200 Sandbox Drive"),
    Warehouse(number=8, zipcode="08832", city="Keasbey", addr="300 Sandbox Road"),
    Warehouse(number=14, zipcode="43217", city="Columbus", addr="400 Sandbox Avenue"),
)
DROP_SHIP = Warehouse(number=DROP_SHIP_WAREHOUSE, zipcode="", city="MFG Drop Shipped", addr="")

_BY_NUMBER = {w.number: w for w in (*STOCK_WAREHOUSES, DROP_SHIP)}


def warehouse(number: int) -> Warehouse | None:
    return _BY_NUMBER.get(number)
