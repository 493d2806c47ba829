"""Wire shapes every Ingram Micro call shares: money as JSON numbers, the two error bodies."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

# Money is Decimal inside the sandbox and a JSON number on the wire (generated clients reject
# strings where the OpenAPI description says "number").
Money = Annotated[Decimal, PlainSerializer(float, return_type=float)]


class WireModel(BaseModel):
    """Field names are the vendor's own camelCase spelling, so they are written as such."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class ErrorField(WireModel):
    field: str
    value: str
    message: str


class ErrorItem(WireModel):
    id: str
    type: str
    message: str
    fields: list[ErrorField] = Field(default_factory=list)


class ErrorBody(WireModel):
    """`{"errors": [...]}`: validation (400), not found (404) and similar answers."""

    errors: list[ErrorItem]


class FaultDetail(WireModel):
    errorcode: str


class Fault(WireModel):
    faultstring: str
    detail: FaultDetail


class GatewayFault(WireModel):
    """The API gateway's answer for bad client credentials and bad or expired tokens."""

    fault: Fault


class ServerFault(WireModel):
    """The invalid-customer-number fault: `{"faultcode": "Server", "faultstring": ...}`."""

    faultcode: str
    faultstring: str


class TokenResponse(WireModel):
    access_token: str
    token_type: str
    expires_in: str  # a JSON string, as Ingram's generated clients require


class TokenError(WireModel):
    message: str
