"""A provider's refusal is classified once, at the edge, into a typed error with its kind."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from procdesk.domain.enums import IssueKind, Provider
from procdesk.integrations.autotask.classify import classify_response
from procdesk.integrations.errors import (
    AuthenticationError,
    InvalidCustomerNumberError,
    ProviderError,
    RateLimitedError,
    ValidationError,
)
from procdesk.integrations.ingram.errors import classify as classify_ingram
from procdesk.integrations.oauth import status_error


def autotask_500(message: str) -> ProviderError:
    return classify_response(httpx.Response(500, json={"errors": [message]}), "POST x")


@pytest.mark.parametrize(
    ("message", "error", "kind"),
    [
        pytest.param(
            "BillingCode does not exist or is invalid",
            ValidationError,
            IssueKind.INVALID_BILLING_CODE,
            id="help-article-wording",
        ),
        pytest.param(
            "Value does not reference an existing entity for billingCodeID. ",
            ValidationError,
            IssueKind.INVALID_BILLING_CODE,
            id="reference-error",
        ),
        pytest.param(
            "billingCodeID must reference a Material Cost Code",
            ValidationError,
            IssueKind.INVALID_BILLING_CODE,
            id="not-material",
        ),
        pytest.param(
            "You cannot select the RMA cost code",
            ValidationError,
            IssueKind.INVALID_BILLING_CODE,
            id="rma",
        ),
        pytest.param(
            "Update not allowed: isBilled = true",
            ValidationError,
            IssueKind.CHARGE_BILLED,
            id="billed",
        ),
        pytest.param(
            "Thread Threshold Exceeded (Itgenatr005)", RateLimitedError, None, id="thread-threshold"
        ),
        pytest.param(
            "Request threshold reached; too many requests", RateLimitedError, None, id="hourly"
        ),
        pytest.param(
            "IntegrationCode is invalid: check the API Integration Code",
            AuthenticationError,
            None,
            id="integration-code",
        ),
        pytest.param(
            "Value does not reference an existing entity for taskType . ",
            ValidationError,
            IssueKind.CHARGE_VALIDATION,
            id="other-reference",
        ),
        pytest.param(
            "name: value exceeds maximum length",
            ValidationError,
            IssueKind.CHARGE_VALIDATION,
            id="other-validation",
        ),
        pytest.param(
            "Normal format is enforced for the firmament field",
            ValidationError,
            IssueKind.CHARGE_VALIDATION,
            id="rma-only-as-a-word",
        ),
    ],
)
def test_autotask_refusals_become_typed_errors_with_their_kind(
    message: str, error: type[ProviderError], kind: IssueKind | None
) -> None:
    classified = autotask_500(message)
    assert type(classified) is error
    assert classified.kind is kind
    assert classified.message == message  # Autotask's words, verbatim


def test_a_400_refusal_is_classified_like_a_500_one() -> None:
    response = httpx.Response(400, json={"errors": ["BillingCode does not exist or is invalid"]})
    classified = classify_response(response, "POST x")
    assert isinstance(classified, ValidationError)
    assert classified.kind is IssueKind.INVALID_BILLING_CODE


NOW = datetime(2026, 11, 23, tzinfo=UTC)


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        pytest.param("Product is discontinued", IssueKind.PRODUCT_UNAVAILABLE, id="discontinued"),
        pytest.param("Item out of stock", IssueKind.PRODUCT_UNAVAILABLE, id="out-of-stock"),
        pytest.param("Invalid SKU 123-ABC", IssueKind.PRODUCT_UNAVAILABLE, id="invalid-sku"),
        pytest.param("Ship-to postal code is required", IssueKind.ORDER_REJECTED, id="other"),
    ],
)
def test_distributor_refusals_say_whether_a_part_is_unavailable(
    message: str, kind: IssueKind
) -> None:
    response = httpx.Response(400, json={"message": message})
    classified = status_error(Provider.INGRAM, response, message, "POST x", effectful=True, now=NOW)
    assert isinstance(classified, ValidationError)
    assert classified.kind is kind


def test_ingrams_customer_number_fault_is_its_own_error() -> None:
    fault = (
        "Invalid customer number. The customer number provided on the API call does not "
        "match the registered customer number."
    )
    response = httpx.Response(500, json={"faultcode": "Server", "faultstring": fault})
    classified = classify_ingram(response, "POST x", effectful=True, now=NOW)
    assert isinstance(classified, InvalidCustomerNumberError)
    assert classified.kind is IssueKind.INVALID_CUSTOMER_NUMBER


def test_a_rejected_token_is_an_authentication_error() -> None:
    response = httpx.Response(401, json={"message": "Access token expired"})
    classified = classify_ingram(response, "GET x", effectful=False, now=NOW)
    assert isinstance(classified, AuthenticationError)
