"""The domain models mirror the ledger: built straight from rows, validated on the way."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa
from pydantic import BaseModel, ValidationError

from procdesk.domain.charge import Charge
from procdesk.domain.credential import CredentialRecord
from procdesk.domain.enums import (
    ChargeStatus,
    CredentialState,
    Distributor,
    EntityType,
    IssueAction,
    IssueKind,
    IssueStatus,
    OrderLineStatus,
    OrderStatus,
    Provider,
    QuoteStatus,
)
from procdesk.domain.event import Event
from procdesk.domain.issue import Issue
from procdesk.domain.mapping import CategoryBillingCode
from procdesk.domain.order import Order, OrderLine
from procdesk.domain.quote import Quote, QuoteLine, ShipTo
from procdesk.store import schema

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
SHIP_TO: dict[str, Any] = {
    "company": "Contoso BV",
    "contact": "Jo Jansen",
    "address_lines": ["Keizersgracht 1", "2nd floor"],
    "city": "Amsterdam",
    "postal_code": "1015 AA",
    "country_code": "NL",
    "email": "jo@contoso.example",
}

MODELS_BY_TABLE: list[tuple[type[BaseModel], sa.Table]] = [
    (Quote, schema.quotes),
    (QuoteLine, schema.quote_lines),
    (CategoryBillingCode, schema.category_billing_codes),
    (Charge, schema.charges),
    (Order, schema.orders),
    (OrderLine, schema.order_lines),
    (Issue, schema.issues),
    (Event, schema.events),
    (CredentialRecord, schema.credentials),
]


@pytest.mark.parametrize(("model", "table"), MODELS_BY_TABLE, ids=lambda v: getattr(v, "name", ""))
def test_fields_are_the_ledger_columns(model: type[BaseModel], table: sa.Table) -> None:
    assert set(model.model_fields) == {column.name for column in table.columns}


ROWS: list[tuple[sa.Table, dict[str, Any]]] = [
    (
        schema.quotes,
        {"id": "Q-1", "title": "Laptops", "company_name": "Contoso BV", "ship_to": SHIP_TO,
         "ticket_id": 42, "ticket_number": "T20261122.0042", "status": "accepted",
         "currency": "EUR", "content_hash": "h" * 64, "imported_at": NOW, "updated_at": NOW},
    ),
    (
        schema.quote_lines,
        {"quote_id": "Q-1", "line_number": 1, "sku": "LAP-14", "description": "Laptop",
         "category": "Laptops", "distributor": "ingram", "distributor_part_number": "IM-1",
         "quantity": Decimal("2"), "unit_cost": Decimal("700.1234"),
         "unit_price": Decimal("899.99"), "product_id": 7, "billing_code_override": None},
    ),
    (
        schema.category_billing_codes,
        {"category": "Laptops", "billing_code_id": 100, "billing_code_name": "Hardware",
         "updated_at": NOW, "updated_by": "admin"},
    ),
    (
        schema.charges,
        {"quote_line_id": 1, "quote_id": "Q-1", "ticket_id": 42, "status": "error",
         "marker": "abc123", "company_name": "Contoso BV", "sku": "LAP-14",
         "description": "Laptop", "category": "Laptops", "quantity": Decimal("2"),
         "unit_cost": Decimal("700.1234"), "unit_price": Decimal("899.99"),
         "billable_amount": Decimal("1799.98"), "billing_code_id": 100, "attempts": 3,
         "next_attempt_at": NOW, "last_error": "BillingCode does not exist or is invalid",
         "error_kind": "invalid_billing_code", "procurement_status": "Some New Label",
         "created_at": NOW, "updated_at": NOW},
    ),
    (
        schema.orders,
        {"quote_id": "Q-1", "distributor": "tdsynnex", "status": "processing",
         "reference": "PD-1-TD", "company_name": "Contoso BV", "ship_to": SHIP_TO,
         "ship_to_key": "k", "total_value": Decimal("1400.2468"), "currency": "EUR",
         "processing_since": NOW, "created_at": NOW, "updated_at": NOW},
    ),
    (
        schema.order_lines,
        {"order_id": 1, "quote_line_id": 1, "line_number": 1, "sku": "LAP-14",
         "part_number": "TD-1", "description": "Laptop", "quantity": Decimal("2"),
         "unit_price": Decimal("700.1234"), "status": "backordered",
         "quantity_confirmed": 1, "quantity_backordered": 1,
         "tracking_numbers": ["1Z999"], "updated_at": NOW},
    ),
    (
        schema.issues,
        {"kind": "invalid_billing_code", "subject_type": "charge", "subject_id": "1",
         "dedupe_key": "invalid_billing_code|charge|1", "status": "open",
         "provider": "autotask", "title": "Invalid billing code",
         "message": "BillingCode does not exist or is invalid", "hint": "Map it",
         "action": "edit_billing_code_mapping", "detail": {"category": "Laptops"},
         "first_seen": NOW, "last_seen": NOW},
    ),
    (
        schema.events,
        {"at": NOW, "actor": "worker", "entity_type": "charge", "entity_id": "1",
         "action": "status", "detail": {"from": "pending", "to": "error"}},
    ),
    (
        schema.credentials,
        {"provider": "ingram", "account": "client-id", "state": "expired",
         "token_expires_at": NOW, "updated_at": NOW},
    ),
]  # fmt: skip


@pytest.fixture(scope="module")
def rows() -> Iterator[dict[str, sa.RowMapping]]:
    """One row per table, written to and read back from an in-memory ledger schema."""
    engine = sa.create_engine("sqlite://")
    schema.metadata.create_all(engine)
    with engine.begin() as conn:
        for table, values in ROWS:
            conn.execute(table.insert().values(**values))
        yield {table.name: conn.execute(sa.select(table)).one()._mapping for table, _ in ROWS}
    engine.dispose()


@pytest.mark.parametrize(("model", "table"), MODELS_BY_TABLE, ids=lambda v: getattr(v, "name", ""))
def test_models_build_from_ledger_rows(
    model: type[BaseModel], table: sa.Table, rows: dict[str, sa.RowMapping]
) -> None:
    built = model.model_validate(rows[table.name])
    written = dict(next(values for t, values in ROWS if t is table))
    for name, value in written.items():
        got = getattr(built, name)
        if isinstance(got, BaseModel):
            got = got.model_dump(exclude_none=True)
        assert got == value, name


def test_row_values_become_typed(rows: dict[str, sa.RowMapping]) -> None:
    charge = Charge.model_validate(rows["charges"])
    assert charge.status is ChargeStatus.ERROR
    assert charge.error_kind is IssueKind.INVALID_BILLING_CODE
    assert charge.procurement_status == "Some New Label"  # unknown labels are kept
    assert charge.unit_cost == Decimal("700.1234")
    assert charge.created_at.tzinfo is UTC
    quote = Quote.model_validate(rows["quotes"])
    assert quote.status is QuoteStatus.ACCEPTED
    assert quote.ship_to.address_lines == ["Keizersgracht 1", "2nd floor"]
    assert QuoteLine.model_validate(rows["quote_lines"]).distributor is Distributor.INGRAM
    order = Order.model_validate(rows["orders"])
    assert order.status is OrderStatus.PROCESSING
    assert OrderLine.model_validate(rows["order_lines"]).status is OrderLineStatus.BACKORDERED
    issue = Issue.model_validate(rows["issues"])
    assert (issue.status, issue.action, issue.provider, issue.subject_type) == (
        IssueStatus.OPEN,
        IssueAction.EDIT_BILLING_CODE_MAPPING,
        Provider.AUTOTASK,
        EntityType.CHARGE,
    )
    assert Event.model_validate(rows["events"]).seq == 1
    assert CredentialRecord.model_validate(rows["credentials"]).state is CredentialState.EXPIRED


def line(**changes: Any) -> dict[str, Any]:
    values = dict(next(v for t, v in ROWS if t is schema.quote_lines)) | {"id": 1}
    return values | changes


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"quantity": Decimal("0")}, "quantity", id="zero-quantity"),
        pytest.param({"quantity": Decimal("-1")}, "quantity", id="negative-quantity"),
        pytest.param({"quantity": Decimal("0.00004")}, "quantity", id="rounds-to-zero"),
        pytest.param({"unit_cost": 1.5}, "unit_cost", id="float-cost"),
        pytest.param({"unit_price": "NaN"}, "unit_price", id="nan-price"),
        pytest.param({"distributor": "dell"}, "distributor", id="unknown-distributor"),
        pytest.param({"line_number": 0}, "line_number", id="line-number-zero"),
        pytest.param({"sku": ""}, "sku", id="empty-sku"),
    ],
)
def test_quote_line_refuses(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        QuoteLine.model_validate(line(**changes))
    assert caught.value.errors()[0]["loc"][0] == field


def test_naive_datetimes_are_refused_and_others_become_utc() -> None:
    values = {"provider": "ingram", "state": "ok"}
    with pytest.raises(ValidationError, match="timezone-aware"):
        CredentialRecord.model_validate(values | {"updated_at": datetime(2026, 1, 1)})
    cet = timezone(timedelta(hours=1))
    record = CredentialRecord.model_validate(
        values | {"updated_at": datetime(2026, 1, 1, 13, 0, tzinfo=cet)}
    )
    assert record.updated_at == datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert record.updated_at.tzinfo is UTC


def test_orders_only_for_orderable_distributors() -> None:
    values = dict(next(v for t, v in ROWS if t is schema.orders)) | {"id": 1}
    with pytest.raises(ValidationError, match="ordering support"):
        Order.model_validate(values | {"distributor": "other"})


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"address_lines": []}, "address_lines", id="no-address"),
        pytest.param({"address_lines": ["a", " "]}, "address_lines", id="blank-line"),
        pytest.param({"address_lines": ["1", "2", "3", "4", "5"]}, "address_lines",
                     id="five-lines"),
        pytest.param({"country_code": "nl"}, "country_code", id="lowercase-country"),
        pytest.param({"country_code": "NLD"}, "country_code", id="alpha-3-country"),
        pytest.param({"city": ""}, "city", id="no-city"),
        pytest.param({"email": "not-an-email"}, "email", id="bad-email"),
    ],
)  # fmt: skip
def test_ship_to_refuses(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        ShipTo.model_validate(SHIP_TO | changes)
    assert caught.value.errors()[0]["loc"][0] == field


def test_ship_to_merge_key() -> None:
    base = ShipTo.model_validate(SHIP_TO)
    same_place = ShipTo.model_validate(
        SHIP_TO
        | {
            "company": "CONTOSO  bv",
            "contact": "Someone Else",
            "phone": "+31 20 000",
            "email": None,
        }
    )
    elsewhere = ShipTo.model_validate(SHIP_TO | {"address_lines": ["Keizersgracht 2"]})
    other_country = ShipTo.model_validate(SHIP_TO | {"country_code": "BE"})
    assert base.merge_key() == same_place.merge_key()
    assert len({base.merge_key(), elsewhere.merge_key(), other_country.merge_key()}) == 3
    assert len(base.merge_key()) == 64


def credential(**changes: Any) -> CredentialRecord:
    values: dict[str, Any] = {"provider": "tdsynnex", "state": "ok", "updated_at": NOW}
    return CredentialRecord.model_validate(values | changes)


HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    ("changes", "left", "warn_within_day"),
    [
        pytest.param({}, None, False, id="no-expiry-known"),
        # an access token renews itself from the stored secret: nobody has to act on its end
        pytest.param({"token_expires_at": NOW + 2 * HOUR}, None, False, id="token-renews-itself"),
        pytest.param({"refresh_expires_at": NOW + 48 * HOUR}, 48 * HOUR, False, id="refresh-later"),
        pytest.param(
            {"token_expires_at": NOW + HOUR, "refresh_expires_at": NOW + 30 * 24 * HOUR},
            30 * 24 * HOUR,
            False,
            id="refresh-token-decides",
        ),
        pytest.param({"refresh_expires_at": NOW + 24 * HOUR}, 24 * HOUR, True,
                     id="exactly-at-the-edge"),
        pytest.param({"refresh_expires_at": NOW - HOUR}, -HOUR, True, id="already-expired"),
    ],
)  # fmt: skip
def test_credential_time_left_and_warning(
    changes: dict[str, Any], left: timedelta | None, warn_within_day: bool
) -> None:
    record = credential(**changes)
    assert record.time_left(NOW) == left
    assert record.needs_warning(NOW, timedelta(days=1)) is warn_within_day


def test_credential_helpers_refuse_naive_now() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        credential(refresh_expires_at=NOW).time_left(datetime(2026, 11, 23))


def test_models_are_frozen() -> None:
    record = credential()
    with pytest.raises(ValidationError):
        record.state = CredentialState.EXPIRED  # type: ignore[misc]
    assert record.model_copy(update={"state": CredentialState.EXPIRED}).state == "expired"
