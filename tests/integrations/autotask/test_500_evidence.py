"""HTTP 500 from Autotask, decided on the body: business rules and field errors are
permanent, generic server faults are transient (retried after a marker lookup)."""

from __future__ import annotations

import httpx
import pytest

from procdesk.domain.enums import IssueKind
from procdesk.integrations.autotask.classify import classify_response
from procdesk.integrations.errors import (
    AuthenticationError,
    PermissionDeniedError,
    TransientError,
    ValidationError,
)

OP = "POST Tickets/7/Charges"

# (body as Autotask sends it, the error type, the issue kind of a refusal)
PERMANENT = [
    ({"errors": ["BillingCode does not exist or is invalid"]}, IssueKind.INVALID_BILLING_CODE),
    (
        {"errors": ["Value does not reference an existing entity for taskType . "]},
        IssueKind.CHARGE_VALIDATION,
    ),
    (
        {"errors": ["The BillingCodeID field must reference a Material Cost Code."]},
        IssueKind.INVALID_BILLING_CODE,
    ),
    ({"errors": ["Name: Maximum length of 100 exceeded."]}, IssueKind.CHARGE_VALIDATION),
    (
        {"errors": ["TicketCharge: the charge isBilled and cannot be changed."]},
        IssueKind.CHARGE_BILLED,
    ),
    (
        {"errors": [{"message": "Quantity is required."}, {"message": "An error has occurred."}]},
        IssueKind.CHARGE_VALIDATION,
    ),  # one real refusal among generic words: still a refusal
]
TRANSIENT = [
    {"errors": ["An error has occurred."]},
    {"errors": ["Object reference not set to an instance of an object."]},
    {
        "errors": [
            "Transaction (Process ID 71) was deadlocked on lock resources with another process "
            "and has been chosen as the deadlock victim. Rerun the transaction."
        ]
    },
    {
        "errors": [
            "Timeout expired.  The timeout period elapsed prior to completion of the operation "
            "or the server is not responding."
        ]
    },
    {"errors": ["A task was canceled."]},
    {"errors": ["Internal Server Error"]},
    {"errors": ["Service Unavailable"], "Message": "try again"},
    {"errors": []},  # an empty errors array says nothing
    {"Message": "An error has occurred."},  # ASP.NET's own body, no errors array
    "<html><body><h1>500 - Internal server error.</h1></body></html>",
    "",
    "upstream connect error or disconnect/reset before headers",
]


def _response(body: object) -> httpx.Response:
    if isinstance(body, str):
        return httpx.Response(500, text=body)
    return httpx.Response(500, json=body)


@pytest.mark.parametrize(("body", "kind"), PERMANENT)
def test_business_rule_500s_are_permanent(body: object, kind: IssueKind) -> None:
    error = classify_response(_response(body), OP)
    assert type(error) is ValidationError
    assert error.kind is kind
    assert error.status_code == 500


@pytest.mark.parametrize("body", TRANSIENT)
def test_server_fault_500s_are_transient_and_maybe_applied(body: object) -> None:
    error = classify_response(_response(body), OP)
    assert type(error) is TransientError
    assert error.maybe_applied is True  # a create is looked up by marker before resending


def test_credentials_and_permission_500s_keep_their_types() -> None:
    wrong_code = {"errors": ["The Integration Code is invalid or not found."]}
    assert type(classify_response(_response(wrong_code), OP)) is AuthenticationError
    denied = {"errors": ["You do not have permission to add charges (security level)."]}
    assert type(classify_response(_response(denied), OP)) is PermissionDeniedError
