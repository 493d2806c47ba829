"""Price and availability: the `<priceRequest>` document and the `<priceResponse>` models.

One request asks for many parts, one `<skuList>` each (numbered 1..n); the reply has one
PriceAvailabilityList per line. Per-line outcomes (Not found, Discontinued) are data, not
errors: `PriceAvailabilityLine.unavailable_reason` says which lines cannot be ordered.
Warehouse 98 ("MFG Drop Shipped") is the manufacturer's stock, not TD SYNNEX's, so
`shelf_quantity` leaves it out and `drop_ship_quantity` reports it alone; totalQuantity is
kept as sent (whether it counts warehouse 98 is UNVERIFIED).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from procdesk.integrations.tdsynnex_xml.credentials import SynnexXmlCredentials
from procdesk.integrations.tdsynnex_xml.document import element, serialized
from procdesk.integrations.tdsynnex_xml.values import (
    Amount,
    PartNumber,
    ReplyModel,
    SkuText,
    WholeNumber,
)

DROP_SHIP_WAREHOUSE = 98
NOT_FOUND = "not found"
DISCONTINUED = "discontinued"


class PartQuery(BaseModel):
    """One part to look up: by TD SYNNEX SKU (digits) or by manufacturer part number."""

    model_config = ConfigDict(frozen=True)

    synnex_sku: SkuText | None = None
    mfg_pn: PartNumber | None = None

    @model_validator(mode="after")
    def _one_reference(self) -> PartQuery:
        if (self.synnex_sku is None) == (self.mfg_pn is None):
            raise ValueError("give exactly one of synnex_sku or mfg_pn")
        return self

    @classmethod
    def sku(cls, synnex_sku: str) -> PartQuery:
        return cls(synnex_sku=synnex_sku)

    @classmethod
    def mfg(cls, mfg_pn: str) -> PartQuery:
        return cls(mfg_pn=mfg_pn)

    @property
    def label(self) -> str:
        return self.synnex_sku or self.mfg_pn or ""


class WarehouseInfo(ReplyModel):
    number: WholeNumber
    zipcode: str = ""
    city: str = ""
    addr: str = ""


class WarehouseAvailability(ReplyModel):
    info: WarehouseInfo = Field(alias="warehouseInfo")
    qty: WholeNumber = 0

    @property
    def drop_ship(self) -> bool:
        return self.info.number == DROP_SHIP_WAREHOUSE


class PriceAvailabilityLine(ReplyModel):
    line_number: WholeNumber = Field(alias="lineNumber")
    synnex_sku: str = Field(default="0", alias="synnexSKU")  # "0" when TD SYNNEX has no match
    mfg_pn: str = Field(default="", alias="mfgPN")
    mfg_code: str = Field(default="", alias="mfgCode")
    description: str = ""
    status: str
    price: Amount | None = None
    total_quantity: WholeNumber | None = Field(default=None, alias="totalQuantity")
    warehouses: list[WarehouseAvailability] = Field(
        default_factory=list, alias="AvailabilityByWarehouse"
    )

    @property
    def found(self) -> bool:
        return self.status.strip().lower() != NOT_FOUND and self.synnex_sku.strip() != "0"

    @property
    def discontinued(self) -> bool:
        return self.status.strip().lower() == DISCONTINUED

    @property
    def unavailable_reason(self) -> Literal["unknown", "discontinued"] | None:
        """Why this part cannot be ordered (ProductUnavailableError's reasons), or None."""
        if not self.found:
            return "unknown"
        return "discontinued" if self.discontinued else None

    @property
    def shelf_quantity(self) -> int:
        """Stock on TD SYNNEX's own shelves (every warehouse but 98)."""
        return sum(w.qty for w in self.warehouses if not w.drop_ship)

    @property
    def drop_ship_quantity(self) -> int:
        return sum(w.qty for w in self.warehouses if w.drop_ship)


class PriceResponse(ReplyModel):
    customer_no: str = Field(default="", alias="customerNo")
    lines: list[PriceAvailabilityLine] = Field(default_factory=list, alias="PriceAvailabilityList")


def price_document(credentials: SynnexXmlCredentials, parts: Sequence[PartQuery]) -> bytes:
    root = ET.Element("priceRequest")
    element(root, "customerNo", credentials.customer_number)
    element(root, "userName", credentials.username)
    element(root, "password", credentials.password.get_secret_value())
    for number, part in enumerate(parts, start=1):
        line = element(root, "skuList")
        if part.synnex_sku is not None:
            element(line, "synnexSKU", part.synnex_sku)
        else:
            element(line, "mfgPN", part.mfg_pn)
        element(line, "lineNumber", number)
    return serialized(root)
