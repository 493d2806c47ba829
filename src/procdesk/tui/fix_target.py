"""Where `f` on an issue leads: a pure choice, so every issue kind's route is testable
without a running app."""

from __future__ import annotations

from dataclasses import dataclass

from procdesk.domain.enums import Distributor, EntityType, IssueAction, IssueKind, Provider
from procdesk.domain.issue import Issue

_PROVIDERS = {p.value: p for p in Provider}
LOCATION_ROW = "location"  # the vendor-mapping screen's inventory-location row


@dataclass(frozen=True)
class MappingFix:
    """The Category billing codes screen, on the category of `charge_id` when known."""

    charge_id: int | None


@dataclass(frozen=True)
class VendorFix:
    """The vendor-mapping screen on a distributor's row (its value), on the inventory
    location's (LOCATION_ROW), or on the first row (None)."""

    row: str | None


@dataclass(frozen=True)
class ReauthFix:
    """The re-authentication screen of one provider."""

    provider: Provider


@dataclass(frozen=True)
class AvailabilityFix:
    """Every distributor's price and stock for an order."""

    order_id: int


@dataclass(frozen=True)
class DetailFix:
    """The detail view of a charge, an order or the issue itself."""

    table: str  # "charges", "orders" or "issues"
    row_id: int


FixTarget = MappingFix | VendorFix | ReauthFix | AvailabilityFix | DetailFix


def fix_target(issue: Issue) -> FixTarget:
    """The screen that fixes `issue`; the issue's own detail when nothing better applies."""
    action = issue.action
    subject, subject_id = issue.subject_type, issue.subject_id
    numeric = subject_id.isdigit()
    if action is IssueAction.EDIT_BILLING_CODE_MAPPING:
        return MappingFix(int(subject_id) if subject is EntityType.CHARGE and numeric else None)
    if action is IssueAction.EDIT_VENDOR_MAPPING:
        if issue.kind is IssueKind.NO_INVENTORY_LOCATION:
            return VendorFix(LOCATION_ROW)
        mapped = next((d for d in Distributor if d.provider and d.provider is issue.provider), None)
        return VendorFix(mapped.value if mapped is not None else None)
    if action in (IssueAction.REAUTHENTICATE, IssueAction.EDIT_DISTRIBUTOR_CREDENTIALS):
        provider = issue.provider or (
            _PROVIDERS.get(subject_id) if subject is EntityType.CREDENTIAL else None
        )
        return ReauthFix(provider) if provider is not None else DetailFix("issues", issue.id)
    if action is IssueAction.CHECK_AVAILABILITY and subject is EntityType.ORDER and numeric:
        return AvailabilityFix(int(subject_id))
    if subject in (EntityType.ORDER, EntityType.CHARGE) and numeric:
        return DetailFix(f"{subject.value}s", int(subject_id))
    return DetailFix("issues", issue.id)
