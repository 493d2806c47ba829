"""What TD SYNNEX says about one order line, alike in the order reply and the status reply.

A line is a **non-stock quote line** when its SKU is 99 or its OrderType is QO: TD SYNNEX
took a part it does not know as a quote line that never ships.
"""

from __future__ import annotations

from pydantic import Field

from procdesk.integrations.tdsynnex_xml.values import DateValue, ReplyModel, WholeNumber

NON_STOCK_SKU = "99"
QUOTE_ORDER = "QO"


class OrderLineFields(ReplyModel):
    line_attribute: WholeNumber | None = Field(default=None, alias="@lineNumber")
    line_child: WholeNumber | None = Field(default=None, alias="LineNumber")
    sku: str = Field(default="", alias="SKU")
    mfg_pn: str = Field(default="", alias="MfgPN")
    product_name: str = Field(default="", alias="ProductName")
    order_quantity: WholeNumber | None = Field(default=None, alias="OrderQuantity")
    code: str = Field(default="", alias="Code")
    reason: str = Field(default="", alias="Reason")
    order_number: str = Field(default="", alias="OrderNumber")
    order_type: str = Field(default="", alias="OrderType")
    ship_quantity: WholeNumber = Field(default=0, alias="ShipQuantity")
    ship_from_warehouse: WholeNumber | None = Field(default=None, alias="ShipFromWarehouse")
    ship_method: str = Field(default="", alias="ShipMethod")
    eta_date: DateValue | None = Field(default=None, alias="ETADate")

    @property
    def line_number(self) -> int | None:
        """The lineNumber attribute, or the LineNumber element (replies carry one or both)."""
        return self.line_attribute if self.line_attribute is not None else self.line_child

    @property
    def non_stock(self) -> bool:
        return self.sku.strip() == NON_STOCK_SKU or self.order_type.strip().upper() == QUOTE_ORDER
