"""Typed errors every external client raises, classified once, in the client.

Services decide by type and by the issue kind an error carries (never by parsing
messages again). Messages never contain secrets: clients build them from the provider's
response body and the request's method and path only.
"""

from __future__ import annotations

from procdesk.domain.enums import IssueKind, Provider


class ProviderError(Exception):
    """Base class. `message` is the provider's text, verbatim where there is one; `kind`
    the issue it is, where the error itself decides (a refusal: why it was refused)."""

    retryable: bool = False
    default_kind: IssueKind | None = None

    def __init__(
        self,
        provider: Provider,
        message: str,
        *,
        status_code: int | None = None,
        operation: str = "",
        kind: IssueKind | None = None,
    ) -> None:
        super().__init__(message)
        self.provider = provider
        self.message = message
        self.status_code = status_code
        self.operation = operation  # e.g. "POST Tickets/123/Charges"
        self.kind = kind or self.default_kind

    def __str__(self) -> str:
        where = f" ({self.operation})" if self.operation else ""
        code = f" HTTP {self.status_code}" if self.status_code else ""
        return f"{self.provider.value}{code}{where}: {self.message}"


class AuthenticationError(ProviderError):
    """Credentials rejected or expired (401, or the provider's credential messages)."""


class PermissionDeniedError(ProviderError):
    """Authenticated, but not allowed (403)."""


class NotFoundError(ProviderError):
    """The entity or route does not exist (404, or an empty item)."""


class ValidationError(ProviderError):
    """The provider refused the payload; `message` is its own wording, kept verbatim, and
    `kind` why (e.g. INVALID_BILLING_CODE, CHARGE_BILLED, PRODUCT_UNAVAILABLE)."""

    def __init__(
        self,
        provider: Provider,
        message: str,
        *,
        errors: list[str] | None = None,
        status_code: int | None = None,
        operation: str = "",
        kind: IssueKind | None = None,
    ) -> None:
        super().__init__(provider, message, status_code=status_code, operation=operation, kind=kind)
        self.errors = errors or [message]


class RateLimitedError(ProviderError):
    """Over a provider limit (429, thread threshold). `retry_after` in seconds."""

    retryable = True

    def __init__(
        self,
        provider: Provider,
        message: str,
        *,
        retry_after: float | None = None,
        status_code: int | None = 429,
        operation: str = "",
    ) -> None:
        super().__init__(provider, message, status_code=status_code, operation=operation)
        self.retry_after = retry_after


class TransientError(ProviderError):
    """Timeouts, connection errors, 502/503/504: try again later.

    `maybe_applied` is True when the request may have reached the provider and taken effect
    (e.g. a timeout after the body was sent): the caller must reconcile before retrying.
    """

    retryable = True

    def __init__(
        self,
        provider: Provider,
        message: str,
        *,
        maybe_applied: bool = True,
        status_code: int | None = None,
        operation: str = "",
    ) -> None:
        super().__init__(provider, message, status_code=status_code, operation=operation)
        self.maybe_applied = maybe_applied


class InvalidCustomerNumberError(AuthenticationError):
    """Ingram Micro: the IM-CustomerNumber does not match the credentials' registered one.

    A credential problem the user must fix in the distributor's ordering credentials; it is
    not transient and not an expired token.
    """

    default_kind = IssueKind.INVALID_CUSTOMER_NUMBER


class ProductUnavailableError(ProviderError):
    """A distributor part is unknown, discontinued or out of stock."""

    default_kind = IssueKind.PRODUCT_UNAVAILABLE

    def __init__(
        self,
        provider: Provider,
        message: str,
        *,
        part_numbers: list[str],
        reason: str,
        status_code: int | None = None,
        operation: str = "",
    ) -> None:
        super().__init__(provider, message, status_code=status_code, operation=operation)
        self.part_numbers = part_numbers
        self.reason = reason  # "unknown" | "discontinued" | "out_of_stock"


class CredentialsMissingError(ProviderError):
    """No credentials are configured or stored for this provider."""
