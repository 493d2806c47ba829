"""One contract for every command that acts on ids: a record that is not in the ledger is
a failed operation (exit 1) in the same words whatever the output form, and a command given
several ids exits 1 when any of them was left unchanged, naming how many (a script sees a
partial failure), while the others are still done."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import Result

from tests.support.quotes import EXAMPLES


@pytest.fixture
def imported(procdesk: Callable[..., Result]) -> None:
    result = procdesk("quotes", "import", str(EXAMPLES / "quotes.json"))
    assert result.exit_code == 0, result.output


MISSING = [
    (("charges", "show", "999"), "no charge 999 in the ledger"),
    (("charges", "show", "999", "--json"), "no charge 999 in the ledger"),
    (("orders", "show", "999"), "no order 999 in the ledger"),
    (("orders", "show", "999", "--json"), "no order 999 in the ledger"),
    (("orders", "link-po", "999", "5"), "no order 999 in the ledger"),
    (("orders", "po-retry", "999"), "no order 999 in the ledger"),
]


@pytest.mark.usefixtures("imported")
@pytest.mark.parametrize(("args", "says"), MISSING, ids=[" ".join(a) for a, _ in MISSING])
def test_a_record_not_in_the_ledger_is_exit_1_in_one_wording(
    procdesk: Callable[..., Result], args: tuple[str, ...], says: str
) -> None:
    result = procdesk(*args)
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == f"Error: {says}"
    assert result.stdout == ""


@pytest.mark.usefixtures("imported")
def test_charges_exit_1_when_any_id_was_left_unchanged(procdesk: Callable[..., Result]) -> None:
    result = procdesk("charges", "retry", "1", "999999")
    assert result.exit_code == 1, result.output
    assert "charge 1: retrying" in result.stdout
    assert "charge 999999: skipped (no such charge)" in result.stderr
    assert "Error: 1 of 2 charge(s) not changed" in result.stderr

    as_json = procdesk("charges", "retry", "1", "999999", "--json")
    assert as_json.exit_code == 1
    outcomes = {row["id"]: row["outcome"] for row in json.loads(as_json.stdout)}
    assert outcomes == {1: "retrying", 999999: "skipped"}


@pytest.mark.usefixtures("imported")
def test_orders_exit_1_when_any_id_was_left_unchanged(procdesk: Callable[..., Result]) -> None:
    result = procdesk("orders", "cancel", "1", "999999", "--reason", "customer changed mind")
    assert result.exit_code == 1, result.output
    assert "order 999999: no order 999999" in result.stderr
    assert "Error: 1 of 2 order(s) not changed" in result.stderr


@pytest.mark.usefixtures("imported")
def test_what_is_not_configured_is_said_once(procdesk: Callable[..., Result]) -> None:
    """A provider's own message already says what is missing: it is not prefixed again
    ("not configured: not configured: ...", "Autotask: autotask: ...")."""
    asked = procdesk("orders", "availability", "1", "--all")
    assert asked.exit_code == 1
    assert (
        "ingram: not configured: ingram.client_id, ingram.customer_number "
        "(set them with `procdesk auth ingram`)"
    ) in asked.output
    linked = procdesk("orders", "link-po", "1", "5")
    assert linked.exit_code == 1
    assert linked.stderr.strip() == (
        "Error: autotask: autotask.username is not configured; run `procdesk auth autotask`"
    )
    for text in (asked.output, linked.output):
        assert "not configured: not configured" not in text
        assert "autotask: autotask:" not in text.lower()
