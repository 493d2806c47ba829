"""TD SYNNEX ION responses classified once into procdesk's typed errors."""

from __future__ import annotations

from datetime import datetime

import httpx
from pydantic import ValidationError as PydanticValidationError

from procdesk.domain.enums import Provider
from procdesk.integrations.errors import AuthenticationError, ProviderError
from procdesk.integrations.oauth import status_error
from procdesk.integrations.tdsynnex.models import ErrorBody

PROVIDER = Provider.TDSYNNEX
MAX_MESSAGE = 500


def error_message(response: httpx.Response) -> str:
    """The provider's own words, verbatim."""
    body: ErrorBody | None = None
    if response.content:
        try:
            body = ErrorBody.model_validate_json(response.content)
        except PydanticValidationError:
            body = None
    if body is not None:
        for text in (body.message, body.error_description, body.error):
            if text:
                return text
    text = response.text.strip()[:MAX_MESSAGE]
    return text or f"HTTP {response.status_code} {response.reason_phrase}"


def classify(
    response: httpx.Response, operation: str, *, effectful: bool, now: datetime
) -> ProviderError:
    message = error_message(response)
    if response.status_code == 401:
        return AuthenticationError(
            PROVIDER, message, status_code=response.status_code, operation=operation
        )
    return status_error(PROVIDER, response, message, operation, effectful=effectful, now=now)
