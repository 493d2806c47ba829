"""Ingram Micro responses classified once into procdesk's typed errors."""

from __future__ import annotations

from datetime import datetime

import httpx
from pydantic import ValidationError as PydanticValidationError

from procdesk.domain.enums import Provider
from procdesk.integrations.errors import (
    AuthenticationError,
    InvalidCustomerNumberError,
    ProviderError,
)
from procdesk.integrations.ingram.models import ErrorBody
from procdesk.integrations.oauth import status_error

PROVIDER = Provider.INGRAM
INVALID_CUSTOMER_NUMBER = "invalid customer number"
MAX_MESSAGE = 500


def error_body(response: httpx.Response) -> ErrorBody | None:
    if not response.content:
        return None
    try:
        return ErrorBody.model_validate_json(response.content)
    except PydanticValidationError:
        return None


def fault_text(body: ErrorBody | None) -> str | None:
    if body is None:
        return None
    return body.faultstring or (body.fault.faultstring if body.fault else None)


def error_messages(response: httpx.Response) -> list[str]:
    """The provider's own words, verbatim, most specific first."""
    body = error_body(response)
    if body is None:
        text = response.text.strip()[:MAX_MESSAGE]
        return [text or f"HTTP {response.status_code} {response.reason_phrase}"]
    messages: list[str] = []
    for item in body.errors:
        if item.message:
            messages.append(item.message)
        for field in item.fields:
            if field.message:
                messages.append(f"{field.field}: {field.message}" if field.field else field.message)
    for said in (fault_text(body), body.message):
        if said:
            messages.append(said)
    return messages or [f"HTTP {response.status_code} {response.reason_phrase}"]


def is_invalid_customer_number(response: httpx.Response) -> bool:
    """Ingram's "Invalid customer number..." fault, whatever status it came with."""
    if b"faultstring" not in response.content:
        return False
    text = fault_text(error_body(response))
    return text is not None and text.lower().startswith(INVALID_CUSTOMER_NUMBER)


def classify(
    response: httpx.Response, operation: str, *, effectful: bool, now: datetime
) -> ProviderError:
    messages = error_messages(response)
    message = "; ".join(messages)
    status = response.status_code
    if is_invalid_customer_number(response):
        return InvalidCustomerNumberError(
            PROVIDER, message, status_code=status, operation=operation
        )
    if status == 401:
        return AuthenticationError(PROVIDER, message, status_code=status, operation=operation)
    return status_error(
        PROVIDER,
        response,
        message,
        operation,
        effectful=effectful,
        now=now,
        errors=messages,
    )
