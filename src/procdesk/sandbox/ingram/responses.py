"""Building Ingram Micro HTTP answers: pydantic bodies, `errors` lists and gateway faults."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import Response

from procdesk.sandbox.ingram.wire_common import (
    ErrorBody,
    ErrorField,
    ErrorItem,
    Fault,
    FaultDetail,
    GatewayFault,
    ServerFault,
)

INVALID_CUSTOMER_NUMBER = (
    "Invalid customer number. The customer number provided on the API call does not match "
    "the registered customer number."
)


def json_response(body: BaseModel, status_code: int = 200) -> Response:
    return Response(
        body.model_dump_json(by_alias=True, exclude_none=True),
        status_code=status_code,
        media_type="application/json",
    )


def errors_response(
    status_code: int,
    message: str,
    *,
    error_type: str,
    correlation_id: str = "",
    fields: Sequence[ErrorField] = (),
) -> Response:
    body = ErrorBody(
        errors=[ErrorItem(id=correlation_id, type=error_type, message=message, fields=list(fields))]
    )
    return json_response(body, status_code)


def gateway_fault(status_code: int, faultstring: str, errorcode: str) -> Response:
    fault = GatewayFault(
        fault=Fault(faultstring=faultstring, detail=FaultDetail(errorcode=errorcode))
    )
    return json_response(fault, status_code)


def customer_number_fault() -> Response:
    """HTTP 500 (Ingram's status for this fault is unverified; the sandbox picks 500)."""
    return json_response(ServerFault(faultcode="Server", faultstring=INVALID_CUSTOMER_NUMBER), 500)


def mounted_url(request: Request, path: str) -> str:
    """An absolute URL for `path` under wherever this emulator is mounted (e.g. /ingram)."""
    root_path = request.scope.get("root_path", "")
    return f"{request.url.scheme}://{request.url.netloc}{root_path}{path}"


def validation_fields(error: ValidationError) -> list[ErrorField]:
    fields = []
    for problem in error.errors(include_url=False):
        given = problem.get("input")
        value = str(given) if isinstance(given, str | int | float | bool) else ""
        location = ".".join(str(part) for part in problem["loc"])
        fields.append(ErrorField(field=location, value=value, message=problem["msg"]))
    return fields
