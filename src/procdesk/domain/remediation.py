"""What to do about each kind of issue, in procdesk's words, and what each status means.

The catalog covers every error and status of the billing and procurement help article
plus the generic failures sync can meet. Each `Remedy` says what fixes it and which action
the issues pane's fix key runs. Where that fix is made (a dashboard screen, a command) is
the presentation's business: `tui/` and `cli/` name them.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from procdesk.domain.enums import (
    CancelReason,
    ChargeStatus,
    Distributor,
    IssueAction,
    IssueKind,
)


class Remedy(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: str
    hint: str
    action: IssueAction
    retry_helps: bool  # whether retrying (after the fix) can succeed


_K = IssueKind
_A = IssueAction

REMEDIES: Mapping[IssueKind, Remedy] = {
    _K.INVALID_BILLING_CODE: Remedy(
        title="Invalid billing code",
        hint=(
            "Autotask would not accept the billing code this charge carries: the line's "
            "category points at a code that is missing, inactive, not a Material Cost Code, "
            "or the RMA code. Open the category's billing-code mapping, choose an active "
            "Material Cost Code, then retry the charge."
        ),
        action=_A.EDIT_BILLING_CODE_MAPPING,
        retry_helps=True,
    ),
    _K.MISSING_BILLING_CODE: Remedy(
        title="Category has no billing code",
        hint=(
            "Neither the quote line nor its product category names a billing code, so the "
            "charge cannot be billed under anything. Map the category to a Material Cost "
            "Code; the charges waiting on it then go out on the next sync."
        ),
        action=_A.EDIT_BILLING_CODE_MAPPING,
        retry_helps=True,
    ),
    _K.WRONG_BILLING_CODE: Remedy(
        title="Charge under another billing code",
        hint=(
            "This charge went out under a billing code its category no longer maps to. "
            "Products take their category's code, so the mapping decides. If the new "
            "mapping is right, cancel the charge and re-order it; if the old code was "
            "right, set the mapping back."
        ),
        action=_A.EDIT_BILLING_CODE_MAPPING,
        retry_helps=False,
    ),
    _K.CHARGE_VALIDATION: Remedy(
        title="Autotask refused the charge",
        hint=(
            "Autotask turned the charge down; its own reason is in the message. Correct "
            "what it names on the quote line or its mapping, then retry the charge."
        ),
        action=_A.OPEN_CHARGE,
        retry_helps=True,
    ),
    _K.CHARGE_BILLED: Remedy(
        title="Charge already billed",
        hint=(
            "The charge has been approved and posted in Autotask, which makes it read-only "
            "there: procdesk will not change or cancel it. Make any correction in Autotask "
            "itself, for example with a credit."
        ),
        action=_A.OPEN_CHARGE,
        retry_helps=False,
    ),
    _K.CHARGE_CANCELLED: Remedy(
        title="Charge cancelled",
        hint=(
            "A charge is cancelled when its quote was retracted or declined, when its "
            "category's billing-code mapping changed so it no longer fits, or when an admin "
            "cancelled it. Check the quote's status and the mapping; if the line should "
            "still be billed, re-order it to make a new pending charge."
        ),
        action=_A.REVIEW_QUOTE,
        retry_helps=False,
    ),
    _K.AUTOTASK_UNAVAILABLE: Remedy(
        title="Autotask not answering",
        hint=(
            "Autotask keeps timing out, failing, or asking procdesk to slow down (its "
            "hourly request budget is shared by every integration). procdesk retries by "
            "itself with growing pauses; retry now once Autotask responds again."
        ),
        action=_A.RETRY,
        retry_helps=True,
    ),
    _K.NOT_ORDERABLE: Remedy(
        title="Line not ordered by procdesk",
        hint=(
            "Only lines from distributors procdesk can order from (Ingram Micro and "
            "TD SYNNEX) enter the procurement queue. Order this line from its supplier "
            "directly; its charge is still billed as usual."
        ),
        action=_A.NONE,
        retry_helps=False,
    ),
    _K.STUCK_PROCESSING: Remedy(
        title="Order stuck in processing",
        hint=(
            "The distributor has not confirmed this order for a long while; its service may "
            "be slow or down. Read the last error, then retry: procdesk first looks for the "
            "order under its reference, so a retry never places it twice."
        ),
        action=_A.RETRY,
        retry_helps=True,
    ),
    _K.INVALID_CUSTOMER_NUMBER: Remedy(
        title="Invalid customer number",
        hint=(
            "The distributor does not match the customer (reseller) number procdesk sends "
            "with these ordering credentials. Correct the customer number in the "
            "distributor's ordering credentials, then retry the order."
        ),
        action=_A.EDIT_DISTRIBUTOR_CREDENTIALS,
        retry_helps=True,
    ),
    _K.PRODUCT_UNAVAILABLE: Remedy(
        title="Product unavailable",
        hint=(
            "Since the quote was made the part has sold out, been discontinued, or is no "
            "longer known under this part number at the distributor. Check its current "
            "availability, then wait for stock, pick a replacement, or cancel the line."
        ),
        action=_A.CHECK_AVAILABILITY,
        retry_helps=True,
    ),
    _K.PRICE_CHANGED: Remedy(
        title="Price changed since the quote",
        hint=(
            "The distributor's price now differs from the quoted cost by more than the "
            "allowed tolerance. Check the current price and availability, then approve the "
            "order at the new price or requote the customer."
        ),
        action=_A.CHECK_AVAILABILITY,
        retry_helps=True,
    ),
    _K.ORDER_REJECTED: Remedy(
        title="Distributor rejected the order",
        hint=(
            "The distributor refused the order or some of its lines; its reason is in the "
            "message. Fix what it names (part number, quantity, ship-to address) and "
            "resubmit, or cancel the lines it will not take."
        ),
        action=_A.OPEN_ORDER,
        retry_helps=True,
    ),
    _K.CREDENTIALS_EXPIRED: Remedy(
        title="Sign-in expired",
        hint=(
            "The provider's OAuth token ran out and could not be renewed, so work for that "
            "provider is paused while the others go on. Authenticate again; the paused "
            "work resumes by itself."
        ),
        action=_A.REAUTHENTICATE,
        retry_helps=False,
    ),
    _K.CREDENTIALS_INVALID: Remedy(
        title="Credentials rejected or missing",
        hint=(
            "The provider refused the stored credentials, or none are stored. Enter them "
            "again; procdesk checks them with the provider before it saves them."
        ),
        action=_A.REAUTHENTICATE,
        retry_helps=False,
    ),
    _K.DISTRIBUTOR_UNAVAILABLE: Remedy(
        title="Distributor not answering",
        hint=(
            "The distributor's service keeps timing out or failing. procdesk retries by "
            "itself with growing pauses; retry now once the distributor responds again."
        ),
        action=_A.RETRY,
        retry_helps=True,
    ),
    _K.INTERNAL_ERROR: Remedy(
        title="Unexpected error in procdesk",
        hint=(
            "Something failed inside procdesk itself; the message and the log have the "
            "details. Retry; if it fails the same way again, report it with the log."
        ),
        action=_A.RETRY,
        retry_helps=True,
    ),
    _K.VENDOR_NOT_MAPPED: Remedy(
        title="Distributor not mapped to an Autotask vendor",
        hint=(
            "A purchase order in Autotask needs the distributor as its vendor, and this "
            "distributor has no vendor company mapped, or the mapped company is missing, "
            "inactive or not of vendor type. Map the distributor to its active vendor "
            "company; the purchase orders waiting on it are then created."
        ),
        action=_A.EDIT_VENDOR_MAPPING,
        retry_helps=True,
    ),
    _K.NO_INVENTORY_LOCATION: Remedy(
        title="No inventory location to receive into",
        hint=(
            "Each purchase order item names the Autotask inventory location the goods "
            "arrive at. The configured location is missing or inactive and Autotask has no "
            "active default one. Choose an active location beside the vendor mapping (it "
            "is kept in the settings); the purchase orders waiting on it are then created."
        ),
        action=_A.EDIT_VENDOR_MAPPING,
        retry_helps=True,
    ),
    _K.PO_REFUSED: Remedy(
        title="Autotask refused the purchase order",
        hint=(
            "Autotask turned down the purchase order or one of its items; its own reason "
            "is in the message. Correct what it names in Autotask or in the mapping, then "
            "retry the purchase order: what already exists there is reused."
        ),
        action=_A.OPEN_ORDER,
        retry_helps=True,
    ),
    _K.CHARGE_NOT_ORDERABLE: Remedy(
        title="Charge cannot be put on a purchase order",
        hint=(
            "Autotask only puts a charge on a purchase order while it needs ordering. This "
            "one has moved on (for example someone fulfilled it by hand in Autotask); its "
            "status is in the message. Link the order to the purchase order that already "
            "exists, or skip the line so it is left out of Autotask."
        ),
        action=_A.OPEN_ORDER,
        retry_helps=False,
    ),
    _K.RECEIVING_REFUSED: Remedy(
        title="Autotask refused a receipt",
        hint=(
            "Autotask would not record goods received on the purchase order; its reason is "
            "in the message (the order may be closed or cancelled there). Fix it in "
            "Autotask, then retry: receipts already recorded are never made twice."
        ),
        action=_A.OPEN_ORDER,
        retry_helps=True,
    ),
    _K.BAD_SERIAL_NUMBER: Remedy(
        title="Serial number cannot be received",
        hint=(
            "Autotask records one serial number of at most 50 characters per unit, each "
            "once. A serial reported for this line is too long or appears twice. Receive "
            "the unit by hand with its correct serial number."
        ),
        action=_A.OPEN_ORDER,
        retry_helps=False,
    ),
}


# An invalid billing code that came from the quote line's own override, not the category:
# the mapping screen cannot fix it, the quote file can (the line's new charge replaces it).
LINE_CODE_REFUSED = Remedy(
    title="Invalid billing code on the quote line",
    hint=(
        "The quote line names its own billing code (billing_code_override in the quote "
        "file), which wins over the category's mapping, and Autotask would not accept it. "
        "Correct that line's billing_code_override to an active Material Cost Code, or "
        "remove it so the category's mapping applies, and import the quote file again: "
        "this charge is then cancelled and the corrected line gets a new one."
    ),
    action=_A.OPEN_CHARGE,
    retry_helps=False,
)


def remedy_for(kind: IssueKind, *, line_override: int | None = None) -> Remedy:
    """The fix of `kind`; for an invalid billing code the quote line chose itself
    (`line_override`), the quote file is the place, not the category mapping."""
    if kind is IssueKind.INVALID_BILLING_CODE and line_override is not None:
        return LINE_CODE_REFUSED
    return REMEDIES[kind]


class StatusGuide(BaseModel):
    model_config = ConfigDict(frozen=True)

    meaning: str
    next_step: str


CHARGE_STATUS_GUIDE: Mapping[ChargeStatus, StatusGuide] = {
    ChargeStatus.PENDING: StatusGuide(
        meaning="waiting to be sent to Autotask",
        next_step="nothing: the next sync cycle sends it",
    ),
    ChargeStatus.SYNCED: StatusGuide(
        meaning="created in Autotask",
        next_step="nothing to do",
    ),
    ChargeStatus.ERROR: StatusGuide(
        meaning="could not be sent to Autotask",
        next_step="open its issue for the reason and the fix, then retry",
    ),
    ChargeStatus.CANCELLED: StatusGuide(
        meaning="cancelled before, during or after sync",
        next_step="review the quote and the billing-code mapping; re-order if still needed",
    ),
}


# Why a cancelled charge was cancelled and what to do next, for each of the help article's
# three causes.
CANCELLED_CHARGE_GUIDE: Mapping[CancelReason, str] = {
    CancelReason.QUOTE_WITHDRAWN: (
        "Its quote was retracted or declined after the charge was made, so the customer is "
        "not billed for it. Review the quote; re-order the line only if the customer still "
        "wants it (re-ordering asks first, as the quote is withdrawn)."
    ),
    CancelReason.MAPPING_CHANGED: (
        "Its category's billing-code mapping changed and the charge made under the old code "
        "no longer fit. Check the mapping; if the line should still be billed, re-order it "
        "to make a new charge under the current code."
    ),
    CancelReason.ADMIN: (
        "Someone cancelled it by hand (the history says who and why). Review the quote; "
        "re-order the line if it should be billed after all."
    ),
}


def cancelled_charge_guide(reason: CancelReason | None) -> str:
    """Why a cancelled charge was cancelled and the next step (an admin's when unknown)."""
    return CANCELLED_CHARGE_GUIDE[reason or CancelReason.ADMIN]


def explain_not_queued(distributor: Distributor) -> str:
    """Why a quote line from `distributor` never enters the procurement queue.

    Raises ValueError for a distributor procdesk does order from.
    """
    if distributor.supports_ordering:
        raise ValueError(f"{distributor.value} lines are ordered through the procurement queue")
    return (
        "Not in the procurement queue: procdesk orders only from distributors with ordering "
        "support (Ingram Micro and TD SYNNEX). Order this line from its supplier directly; "
        "its ticket charge is still billed as usual."
    )


# The causes a charge in error can carry (what `charges retry --kind` offers), and those an
# order can (for order commands). Kinds about logins and outages stand in both.
CHARGE_ERROR_KINDS: tuple[IssueKind, ...] = (
    IssueKind.INVALID_BILLING_CODE,
    IssueKind.MISSING_BILLING_CODE,
    IssueKind.WRONG_BILLING_CODE,
    IssueKind.CHARGE_VALIDATION,
    IssueKind.CHARGE_BILLED,
    IssueKind.AUTOTASK_UNAVAILABLE,
    IssueKind.CREDENTIALS_EXPIRED,
    IssueKind.CREDENTIALS_INVALID,
)
ORDER_ERROR_KINDS: tuple[IssueKind, ...] = (
    IssueKind.STUCK_PROCESSING,
    IssueKind.INVALID_CUSTOMER_NUMBER,
    IssueKind.PRODUCT_UNAVAILABLE,
    IssueKind.PRICE_CHANGED,
    IssueKind.ORDER_REJECTED,
    IssueKind.NOT_ORDERABLE,
    IssueKind.DISTRIBUTOR_UNAVAILABLE,
    IssueKind.CREDENTIALS_EXPIRED,
    IssueKind.CREDENTIALS_INVALID,
)
