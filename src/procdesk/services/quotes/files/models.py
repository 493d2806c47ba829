"""The import file's records: one quote with its ship-to address and lines.

JSON files hold `{"quotes": [Quote, ...]}` with these field names; CSV files hold one row
per line with the quote's fields repeated (see `csv_reader.COLUMNS`). Amounts are exact
decimals with at most 4 decimal places (JSON numbers are read as decimals, never floats).
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from procdesk.domain.channel import ChannelError, tdsynnex_door
from procdesk.domain.enums import Distributor, QuoteStatus
from procdesk.domain.money import (
    MAX_ABS,
    MoneyParseError,
    billable_amount,
    exact_amount,
    extended_cost,
    parse_decimal,
)
from procdesk.services.quotes.files.limits import clean_text, whole_number

QUOTE_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._/-]*$"
# Autotask's ticket number format, in ASCII digits (the pattern engine's \d is any digit)
TICKET_NUMBER_PATTERN = r"^T[0-9]{8}\.[0-9]{4}$"
COUNTRY_CODE_PATTERN = r"^[A-Z]{2}$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
# What each pattern means, for error messages.
PATTERN_DESCRIPTIONS = {
    QUOTE_ID_PATTERN: "an id of letters, digits and . _ / - (starting with a letter or digit)",
    TICKET_NUMBER_PATTERN: "an Autotask ticket number like T20261120.0001",
    COUNTRY_CODE_PATTERN: "a 2-letter ISO 3166 country code in capitals, like US",
    CURRENCY_PATTERN: "a 3-letter ISO 4217 currency code in capitals, like USD",
    EMAIL_PATTERN: "an email address",
}
# The error type of a rule over several fields of a record, with the field a person fixes.
RULE_BROKEN = "quote_rule"


def rule_broken(message: str, field: str | None) -> PydanticCustomError:
    """A rule over several fields is broken: `message` says how, `field` is the one to fix
    (None: no one field). `validation.problems_from` reports it at that field; a plain
    ValueError from a model's own validator has no field to be placed at."""
    return PydanticCustomError(RULE_BROKEN, "{message}", {"message": message, "field": field})


DISTRIBUTOR_ALIASES = {
    "ingram": Distributor.INGRAM,
    "ingram micro": Distributor.INGRAM,
    "ingram_micro": Distributor.INGRAM,
    "ingrammicro": Distributor.INGRAM,
    "tdsynnex": Distributor.TDSYNNEX,
    "td synnex": Distributor.TDSYNNEX,
    "td_synnex": Distributor.TDSYNNEX,
    "td-synnex": Distributor.TDSYNNEX,
    "tdsynnex_xml": Distributor.TDSYNNEX_XML,
    "tdsynnex xml": Distributor.TDSYNNEX_XML,
    "tdsynnex-xml": Distributor.TDSYNNEX_XML,
}


def _exact_amount(value: object) -> Decimal:
    """A decimal with at most 4 places: more would be rounded by Autotask, so refuse it."""
    try:
        exact = parse_decimal(value)
    except MoneyParseError as exc:
        raise ValueError(f"expected an exact decimal number; {exc}") from None
    return exact_amount(exact)  # (its own words: too many places, or out of range)


def _distributor(value: object) -> Distributor:
    """`ingram`, `tdsynnex` (or their spelled-out names); any other name is not orderable.

    A name that is not one of those spellings but names Ingram or TD SYNNEX all the same
    (`ingram-micro`, `TD Synnex Corp`) is refused, saying which to write: read as "not
    orderable" it would be billed and silently never ordered."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a distributor name (ingram, tdsynnex or another name)")
    name = " ".join(value.split()).casefold()
    found = DISTRIBUTOR_ALIASES.get(name)
    if found is not None:
        return found
    meant = _meant(name)
    if meant is not None:
        raise ValueError(
            f"{value.strip()!r} is not a spelling procdesk orders by; write {meant.value!r} "
            "to order it there (any other name is billed but never ordered)"
        )
    return Distributor.OTHER


def _meant(name: str) -> Distributor | None:
    """The distributor a name not among the aliases still names, if any."""
    if "synnex" in name:
        return Distributor.TDSYNNEX_XML if "xml" in name else Distributor.TDSYNNEX
    return Distributor.INGRAM if "ingram" in name else None


def blank_is_absent(value: object) -> object:
    """An optional text left blank is absent: a CSV cell cannot tell "" from no value, so a
    JSON file's "" (or spaces) reads as the same quote's empty cell does."""
    return None if isinstance(value, str) and not value.strip() else value


Amount4 = Annotated[Decimal, BeforeValidator(_exact_amount)]
OptionalText = Annotated[str | None, BeforeValidator(blank_is_absent)]
WholeNumber = Annotated[int, BeforeValidator(whole_number)]
DistributorName = Annotated[Distributor, BeforeValidator(_distributor)]
Text = Annotated[str, Field(min_length=1)]
# Autotask ids are 64-bit integers (and so are the ledger's columns for them).
AutotaskId = Annotated[WholeNumber, Field(ge=1, le=2**63 - 1)]


class _FileRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _clean_text(cls, value: object, info: ValidationInfo) -> object:
        """Control and bidirectional characters are refused in every text field, checked
        before whitespace is stripped (Python counts some control characters as spaces)."""
        if type(value) is str:
            if value.isprintable():  # most values: no second call
                return value
        elif type(value) is not list:  # numbers, objects: no text of their own to check
            return value
        return clean_text(value, info.field_name or "")


class ShipToIn(_FileRecord):
    company: Text = Field(max_length=200)
    contact: OptionalText = Field(default=None, max_length=100)
    address_lines: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        min_length=1, max_length=4
    )
    city: Text = Field(max_length=100)
    state: OptionalText = Field(default=None, max_length=50)
    postal_code: OptionalText = Field(default=None, max_length=20)
    country_code: str = Field(pattern=COUNTRY_CODE_PATTERN)
    phone: OptionalText = Field(default=None, max_length=40)
    email: OptionalText = Field(default=None, max_length=200, pattern=EMAIL_PATTERN)


class QuoteLineIn(_FileRecord):
    """`channel` (optional, TD SYNNEX lines only): `xml` for hardware or `ion` for cloud
    subscriptions; without it the category decides (`domain.channel`). After validation
    `distributor` is the door the line is ordered through."""

    line_number: WholeNumber = Field(ge=1, le=9999)
    sku: Text = Field(max_length=100)
    description: Text = Field(max_length=8000)
    category: Text = Field(max_length=100)
    distributor: DistributorName
    distributor_part_number: OptionalText = Field(default=None, max_length=64)
    quantity: Amount4 = Field(gt=0)
    unit_cost: Amount4 = Field(ge=0)
    unit_price: Amount4 = Field(ge=0)
    product_id: AutotaskId | None = None  # Autotask product id
    billing_code_override: AutotaskId | None = None  # Autotask billing code id
    channel: Literal["xml", "ion"] | None = None

    @model_validator(mode="after")
    def _door(self) -> QuoteLineIn:
        try:
            door = tdsynnex_door(self.distributor, self.category, self.channel)
        except ChannelError as exc:
            raise ValueError(f"channel: {exc}") from None
        object.__setattr__(self, "distributor", door)  # frozen: set once, while validating
        return self

    @field_validator("channel", mode="before")
    @classmethod
    def _channel_name(cls, value: object) -> object:
        if isinstance(value, str):
            name = value.strip().casefold()
            return {"hardware": "xml", "cloud": "ion", "": None}.get(name, name)
        return value

    @field_validator("quantity")
    @classmethod
    def _whole_quantity_for_orders(cls, quantity: Decimal, info: ValidationInfo) -> Decimal:
        distributor = info.data.get("distributor")
        orderable = distributor is not None and distributor.supports_ordering
        if orderable and distributor is not None and quantity != quantity.to_integral_value():
            raise ValueError(
                f"expected a whole number for {distributor.value} lines "
                f"(distributors order whole units; got {quantity.normalize()})"
            )
        return quantity


class QuoteIn(_FileRecord):
    id: str = Field(min_length=1, max_length=64, pattern=QUOTE_ID_PATTERN)
    title: Text = Field(max_length=200)
    company_name: Text = Field(max_length=200)
    ship_to: ShipToIn
    ticket_id: AutotaskId | None = None
    ticket_number: OptionalText = Field(default=None, pattern=TICKET_NUMBER_PATTERN)
    status: QuoteStatus
    currency: str = Field(pattern=CURRENCY_PATTERN)
    lines: list[QuoteLineIn] = Field(min_length=1, max_length=1000)

    @model_validator(mode="after")
    def _needs_a_ticket(self) -> QuoteIn:
        if self.ticket_id is None and self.ticket_number is None:
            raise rule_broken(
                "a quote needs its Autotask ticket: give ticket_id or ticket_number", "ticket_id"
            )
        return self

    @model_validator(mode="after")
    def _totals_fit_the_ledger(self) -> QuoteIn:
        """The amounts made from the lines fit where they are stored (each at most MAX_ABS):
        a charge's billable amount (quantity x unit_price) and an order's value (its lines'
        quantity x unit_cost, summed). Every amount is at least 0, so the quote's own sums
        bound every order's. Nearly every quote is far inside a bound of one product (half
        the limit: its rounding to 28 digits cannot carry a quote across)."""
        lines = self.lines
        most = max(max(ln.unit_price, ln.unit_cost) for ln in lines)
        if max(ln.quantity for ln in lines) * most * len(lines) <= MAX_ABS / 2:
            return self
        for line in lines:
            for name, amount in (
                ("unit_price", billable_amount(line.quantity, line.unit_price)),
                ("unit_cost", extended_cost(line.quantity, line.unit_cost)),
            ):
                if amount > MAX_ABS:
                    raise rule_broken(
                        f"line {line.line_number}: quantity x {name} is {amount}, more than "
                        f"an amount can be (at most {MAX_ABS})",
                        "quantity",
                    )
        price = sum((billable_amount(ln.quantity, ln.unit_price) for ln in lines), Decimal(0))
        cost = sum((extended_cost(ln.quantity, ln.unit_cost) for ln in lines), Decimal(0))
        if price > MAX_ABS or cost > MAX_ABS:
            raise rule_broken(
                f"the lines add up to {price} (quantity x unit_price) and {cost} (quantity x "
                f"unit_cost), more than a quote or an order can be worth (at most {MAX_ABS})",
                "lines",
            )
        return self

    def content_hash(self) -> str:
        """SHA-256 of the quote's normalised content: the same quote hashes the same from
        JSON or CSV, so importing it again is recognised as unchanged."""
        content = self.model_dump(mode="json")
        for line in content["lines"]:  # (cheaper than pydantic's exclude of a nested field)
            del line["channel"]  # folded into the line's distributor: the door is what counts
        text = json.dumps(content, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()
