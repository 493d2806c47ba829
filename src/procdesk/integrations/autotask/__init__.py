"""Async client for the Autotask PSA REST API (see shared/api/autotask.md)."""

from procdesk.integrations.autotask.client import AutotaskClient
from procdesk.integrations.autotask.credentials import AutotaskCredentials, credentials_from_store
from procdesk.integrations.autotask.filters import Condition, F, Filter, Group, Op
from procdesk.integrations.autotask.gate import LocalRequestGate, RequestGate
from procdesk.integrations.autotask.models import (
    BillingCode,
    FieldInfo,
    InventoryItem,
    PicklistValue,
    Product,
    ThresholdInfo,
    Ticket,
    TicketCharge,
    UserDefinedField,
    ZoneInfo,
)

__all__ = [
    "AutotaskClient",
    "AutotaskCredentials",
    "BillingCode",
    "Condition",
    "F",
    "FieldInfo",
    "Filter",
    "Group",
    "InventoryItem",
    "LocalRequestGate",
    "Op",
    "PicklistValue",
    "Product",
    "RequestGate",
    "ThresholdInfo",
    "Ticket",
    "TicketCharge",
    "UserDefinedField",
    "ZoneInfo",
    "credentials_from_store",
]
