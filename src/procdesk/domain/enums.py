"""The shared vocabulary of procdesk: statuses, providers, issue kinds.

These enums are the only thing the sandbox shares with the rest of the package.
String values are what the ledger stores and what `--json` output shows.
"""

from __future__ import annotations

from enum import StrEnum


class QuoteStatus(StrEnum):
    ACCEPTED = "accepted"
    RETRACTED = "retracted"
    DECLINED = "declined"


class ChargeStatus(StrEnum):
    """The four charge statuses of the help article."""

    PENDING = "pending"  # queued for sync to the PSA
    SYNCED = "synced"  # created in Autotask
    ERROR = "error"  # failed to sync; an issue says why
    CANCELLED = "cancelled"  # cancelled before, during or after sync


class CancelReason(StrEnum):
    """Why a charge was cancelled (help article, "Charges cancelled")."""

    QUOTE_WITHDRAWN = "quote_withdrawn"  # quote retracted or declined
    MAPPING_CHANGED = "mapping_changed"  # billing-code mapping changed, charge no longer valid
    ADMIN = "admin"  # an admin cancelled it


class ProcurementStatus(StrEnum):
    """Autotask's own TicketCharges.status labels (read-only, derived on create)."""

    NEED_TO_ORDER = "Need To Order"
    WAITING_APPROVAL = "Waiting Approval"
    READY_TO_SHIP = "Ready to Ship"
    PENDING = "Pending"


class OrderStatus(StrEnum):
    QUEUED = "queued"
    AWAITING_APPROVAL = "awaiting_approval"
    PROCESSING = "processing"  # being placed at the distributor
    ORDERED = "ordered"  # distributor confirmed, has its order number
    BACKORDERED = "backordered"
    ON_HOLD = "on_hold"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    ERROR = "error"
    CANCELLED = "cancelled"


class OrderLineStatus(StrEnum):
    QUEUED = "queued"
    ORDERED = "ordered"
    REJECTED = "rejected"  # distributor refused this line (partial acceptance)
    BACKORDERED = "backordered"
    ON_HOLD = "on_hold"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


class Provider(StrEnum):
    """A service procdesk signs in to; each has its own credentials and credential state.

    TD SYNNEX has two doors with separate logins: StreamOne ION (`tdsynnex`, cloud
    subscriptions, OAuth) and the XML interface (`tdsynnex_xml`, hardware, EC Express login).
    """

    AUTOTASK = "autotask"
    INGRAM = "ingram"
    TDSYNNEX = "tdsynnex"
    TDSYNNEX_XML = "tdsynnex_xml"


class Distributor(StrEnum):
    """Where a line is ordered: a distributor's ordering door. Only some support ordering.

    TD SYNNEX has two: `tdsynnex` is StreamOne ION (cloud subscriptions) and `tdsynnex_xml`
    its XML interface (hardware). An order goes through exactly one door, so each door has
    its own orders, client, credential state and pause; `company` groups them for people.
    """

    INGRAM = "ingram"
    TDSYNNEX = "tdsynnex"
    TDSYNNEX_XML = "tdsynnex_xml"
    OTHER = "other"  # any distributor procdesk cannot order from (e.g. a local supplier)

    @property
    def supports_ordering(self) -> bool:
        return self is not Distributor.OTHER

    @property
    def provider(self) -> Provider | None:
        return {
            Distributor.INGRAM: Provider.INGRAM,
            Distributor.TDSYNNEX: Provider.TDSYNNEX,
            Distributor.TDSYNNEX_XML: Provider.TDSYNNEX_XML,
        }.get(self)

    @property
    def company(self) -> str:
        """The distributor company this door belongs to ("tdsynnex" for both doors)."""
        return "tdsynnex" if self is Distributor.TDSYNNEX_XML else self.value

    @property
    def sells_hardware(self) -> bool:
        """Whether this door quotes price and stock for physical parts (ION sells cloud
        subscriptions only, so a hardware comparison leaves it out)."""
        return self in (Distributor.INGRAM, Distributor.TDSYNNEX_XML)


ORDERING_DISTRIBUTORS = (Distributor.INGRAM, Distributor.TDSYNNEX, Distributor.TDSYNNEX_XML)


class CredentialState(StrEnum):
    OK = "ok"
    EXPIRED = "expired"
    INVALID = "invalid"
    MISSING = "missing"


class IssueKind(StrEnum):
    """Every error kind of the help article, plus the generic ones sync needs."""

    INVALID_BILLING_CODE = "invalid_billing_code"  # "BillingCode does not exist or is invalid"
    MISSING_BILLING_CODE = "missing_billing_code"  # category has no mapping at all
    CHARGE_VALIDATION = "charge_validation"  # other Autotask validation failures
    CHARGE_BILLED = "charge_billed"  # a billed charge cannot be changed or cancelled
    CHARGE_CANCELLED = "charge_cancelled"  # a charge was cancelled (review, re-order)
    WRONG_BILLING_CODE = "wrong_billing_code"  # sent under a code its category no longer maps to
    AUTOTASK_UNAVAILABLE = "autotask_unavailable"  # keeps failing transiently / rate-limited
    NOT_ORDERABLE = "not_orderable"  # line's distributor has no ordering support
    STUCK_PROCESSING = "stuck_processing"  # order stuck in "Processing"
    INVALID_CUSTOMER_NUMBER = "invalid_customer_number"
    PRODUCT_UNAVAILABLE = "product_unavailable"  # out of stock / discontinued / unknown
    PRICE_CHANGED = "price_changed"  # price moved beyond tolerance since the quote
    ORDER_REJECTED = "order_rejected"  # distributor rejected lines or the order
    CREDENTIALS_EXPIRED = "credentials_expired"  # expired OAuth token: re-authenticate
    CREDENTIALS_INVALID = "credentials_invalid"  # wrong/missing credentials
    DISTRIBUTOR_UNAVAILABLE = "distributor_unavailable"
    INTERNAL_ERROR = "internal_error"  # an unexpected exception in a worker
    VENDOR_NOT_MAPPED = "vendor_not_mapped"  # distributor has no (valid) Autotask vendor
    NO_INVENTORY_LOCATION = "no_inventory_location"  # no active location to receive into
    PO_REFUSED = "po_refused"  # Autotask refused the purchase order or one of its items
    CHARGE_NOT_ORDERABLE = "charge_not_orderable"  # e.g. fulfilled by hand in Autotask
    RECEIVING_REFUSED = "receiving_refused"  # Autotask refused a receipt
    BAD_SERIAL_NUMBER = "bad_serial_number"  # too long or duplicated


class IssueStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"  # the cause went away (e.g. a retry succeeded)
    DISMISSED = "dismissed"  # a person closed it without a fix


class IssueAction(StrEnum):
    """What the fix key of an issue opens or does."""

    EDIT_BILLING_CODE_MAPPING = "edit_billing_code_mapping"
    REVIEW_QUOTE = "review_quote"  # review quote status / re-order
    RETRY = "retry"
    EDIT_DISTRIBUTOR_CREDENTIALS = "edit_distributor_credentials"
    CHECK_AVAILABILITY = "check_availability"
    REAUTHENTICATE = "reauthenticate"
    OPEN_ORDER = "open_order"
    OPEN_CHARGE = "open_charge"
    EDIT_VENDOR_MAPPING = "edit_vendor_mapping"
    NONE = "none"


class EntityType(StrEnum):
    QUOTE = "quote"
    QUOTE_LINE = "quote_line"
    CHARGE = "charge"
    ORDER = "order"
    ORDER_LINE = "order_line"
    ISSUE = "issue"
    CREDENTIAL = "credential"
    MAPPING = "mapping"
    WORKER = "worker"
    PROVIDER = "provider"  # a whole service (e.g. Autotask not answering)


class ReceiveWhen(StrEnum):
    """When a shipment counts as received in Autotask (a policy setting)."""

    SHIPPED = "shipped"  # the distributor shipped it
    DELIVERED = "delivered"  # the carrier delivered it (the default)
