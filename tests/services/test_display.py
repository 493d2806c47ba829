"""How values read for people, the same in the dashboard and the CLI."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from procdesk.domain.quote import ShipTo
from procdesk.services import display


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("5862.2000"), "5,862.20"),
        (Decimal("18532"), "18,532.00"),
        (Decimal("0.0050"), "0.01"),  # half away from zero, like the ledger
        (Decimal("0.0049"), "0.00"),
        (Decimal("-1.005"), "-1.01"),
        (Decimal("1234567.8912"), "1,234,567.89"),
        ("24.7700", "24.77"),
        (None, ""),
    ],
)
def test_money_has_two_decimals_and_thousands(value: object, shown: str) -> None:
    assert display.money(value) == shown


@pytest.mark.parametrize(
    ("value", "currency", "shown"),
    [
        (Decimal("5862.2"), "USD", "USD 5,862.20"),
        (Decimal("0"), "EUR", "EUR 0.00"),
        (Decimal("12.5"), None, "12.50"),
        (None, "USD", ""),
    ],
)
def test_amount_carries_its_currency(value: object, currency: str | None, shown: str) -> None:
    assert display.amount(value, currency) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("1.0000"), "1"),
        (Decimal("2.5000"), "2.5"),
        (Decimal("0.1250"), "0.125"),
        (Decimal("1200.0000"), "1,200"),
        (Decimal("1E+3"), "1,000"),
        (Decimal("0"), "0"),
        (None, ""),
    ],
)
def test_quantity_has_no_trailing_zeros(value: object, shown: str) -> None:
    assert display.quantity(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [("awaiting_approval", "awaiting approval"), ("on_hold", "on hold"), (None, "")],
)
def test_codes_read_as_words(value: object, shown: str) -> None:
    assert display.words(value) == shown


def test_times_are_local_and_short_today(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        at = datetime(2026, 11, 23, 15, 5, tzinfo=UTC)
        assert display.local_time(at) == "2026-11-23 10:05"
        assert display.short_time(at, now=datetime(2026, 11, 23, 20, 0, tzinfo=UTC)) == "10:05"
        # 03:00 UTC on the 24th is still the 23rd in New York
        late = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
        assert display.short_time(late, now=at) == "22:00"
        assert display.short_time(at, now=datetime(2026, 11, 25, tzinfo=UTC)) == "Nov 23"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


@pytest.mark.parametrize(
    ("ship_to", "lines"),
    [
        (
            ShipTo(
                company="Contoso Legal LLP",
                contact="attn. Priya Raman",
                address_lines=["500 Colo Way", "Cage 14"],
                city="Secaucus",
                state="NJ",
                postal_code="07094",
                country_code="US",
            ),
            [
                "Contoso Legal LLP",
                "attn. Priya Raman",
                "500 Colo Way",
                "Cage 14",
                "Secaucus, NJ 07094",
                "US",
            ],
        ),
        (
            ShipTo(
                company="Fabrikam",
                address_lines=["Hauptstr. 1"],
                city="Berlin",
                country_code="DE",
                phone="+49 30 1234",
            ),
            ["Fabrikam", "Hauptstr. 1", "Berlin", "DE", "+49 30 1234"],
        ),
    ],
)
def test_an_address_reads_as_an_address(ship_to: ShipTo, lines: list[str]) -> None:
    assert display.address_lines(ship_to) == lines


@pytest.mark.parametrize(
    ("n", "shown"), [(0, "0 orders"), (1, "1 order"), (2, "2 orders"), (1204, "1,204 orders")]
)
def test_plural(n: int, shown: str) -> None:
    assert display.plural(n, "order") == shown
