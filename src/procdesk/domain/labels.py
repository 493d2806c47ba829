"""Names people read for providers, issue kinds and issue subjects: one wording for the
screen, the CLI and the text a filter searches, so a word seen in a column finds its row."""

from __future__ import annotations

from procdesk.domain.enums import CancelReason, EntityType, IssueKind

PROVIDER_NAME = {
    "autotask": "Autotask",
    "ingram": "Ingram Micro",
    "tdsynnex": "TD SYNNEX",
    "tdsynnex_xml": "TD SYNNEX XML",
}
PROVIDER_SHORT = {
    "autotask": "Autotask",
    "ingram": "Ingram",
    "tdsynnex": "TD SYNNEX",
    "tdsynnex_xml": "TD SYNNEX XML",
}

# How the orders pane words each order status (the status filter searches these words too).
ORDER_STATUS_LABEL = {
    "queued": "queued",
    "awaiting_approval": "approval",
    "processing": "processing",
    "ordered": "ordered",
    "backordered": "backorder",
    "on_hold": "on hold",
    "shipped": "shipped",
    "delivered": "delivered",
    "error": "error",
    "cancelled": "cancelled",
}


def order_statuses_matching(text: str) -> list[str]:
    """The order statuses whose value or on-screen word contains `text` (lower case)."""
    return [
        status
        for status, label in ORDER_STATUS_LABEL.items()
        if text in status or text in status.replace("_", " ") or text in label
    ]


# Why a charge was cancelled, as the charges pane words it (the ledger keeps the code).
CANCEL_REASON_LABEL = {
    CancelReason.QUOTE_WITHDRAWN: "quote withdrawn",
    CancelReason.MAPPING_CHANGED: "billing code changed",
    CancelReason.ADMIN: "cancelled by an admin",
}


def cancel_reason_label(reason: CancelReason | None) -> str:
    """ "quote withdrawn" for QUOTE_WITHDRAWN; "" for none."""
    return "" if reason is None else CANCEL_REASON_LABEL[reason]


def cancel_reasons_matching(text: str) -> list[str]:
    """The cancel-reason codes whose on-screen words contain `text` (lower case) while the
    code itself does not: what a filter must also look for to find what the pane shows."""
    return [
        reason.value
        for reason, label in CANCEL_REASON_LABEL.items()
        if text in label and text not in reason.value
    ]


def kind_label(kind: IssueKind | str) -> str:
    """ "invalid billing code" for INVALID_BILLING_CODE."""
    value = kind.value if isinstance(kind, IssueKind) else kind
    return value.replace("_", " ")


def subject_label(subject_type: EntityType | str, subject_id: str | int) -> str:
    """What an issue is about, short: "charge 12", "order 3", "Autotask", "TD SYNNEX login"."""
    kind = subject_type.value if isinstance(subject_type, EntityType) else subject_type
    subject = str(subject_id)
    if kind == "provider":
        return PROVIDER_NAME.get(subject, subject)
    if kind == "credential":
        return f"{PROVIDER_SHORT.get(subject, subject)} login"
    return f"{kind} {subject}"


def issue_search_text(
    kind: IssueKind,
    subject_type: EntityType | str,
    subject_id: str | int,
    *,
    title: str,
    message: str,
    hint: str,
) -> str:
    """Every column the issues pane shows of an issue, as the filter searches it."""
    parts = (kind.value, kind_label(kind), subject_label(subject_type, subject_id), title, message)
    return " ".join([*parts, hint]).lower()
