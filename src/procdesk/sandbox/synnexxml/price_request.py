"""`<priceRequest>`: the price and availability request, as the sandbox accepts it.

The credentials are lower-camel children of the root; each `<skuList>` names one part by
`synnexSKU` (TD SYNNEX's numeric SKU) or `mfgPN`, never both, plus its `lineNumber`.
Sandbox choices (UNVERIFIED): at most MAX_LINES lines per request; line numbers unique;
`version` is the only attribute the root may carry.
"""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from procdesk.sandbox.synnexxml.values import PositiveNumber, SkuNumber, Text, XmlModel

MAX_LINES = 50


class SkuLine(XmlModel):
    synnex_sku: SkuNumber | None = Field(default=None, alias="synnexSKU")
    mfg_pn: Text | None = Field(default=None, alias="mfgPN")
    line_number: PositiveNumber = Field(alias="lineNumber")

    @model_validator(mode="after")
    def _one_part_reference(self) -> SkuLine:
        if (self.synnex_sku is None) == (self.mfg_pn is None):
            raise ValueError("each skuList names its part by synnexSKU or by mfgPN, not both")
        return self


class PriceRequest(XmlModel):
    version: str | None = Field(default=None, alias="@version", max_length=10)
    customer_no: Text = Field(alias="customerNo")
    user_name: Text = Field(alias="userName")
    password: Text = Field(alias="password")
    lines: list[SkuLine] = Field(alias="skuList", min_length=1, max_length=MAX_LINES)

    @field_validator("lines")
    @classmethod
    def _unique_line_numbers(cls, lines: list[SkuLine]) -> list[SkuLine]:
        seen: set[int] = set()
        for line in lines:
            if line.line_number in seen:
                raise ValueError(f"lineNumber {line.line_number} appears more than once")
            seen.add(line.line_number)
        return lines
