"""The `--faults` grammar and the seeded fault plan (pure; no server)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from procdesk.sandbox.faults import (
    FaultKind,
    FaultPlan,
    FaultRule,
    FaultSpecError,
    parse_fault_spec,
)


def test_the_documented_example_parses() -> None:
    rules = parse_fault_spec(
        "autotask:POST:*/Charges=timeout_after_effect:0.2, ingram:*:*orders*=500:0.1,*=latency:50"
    )
    assert rules == [
        FaultRule(
            provider="autotask",
            method="POST",
            path="*/Charges",
            kind=FaultKind.TIMEOUT_AFTER_EFFECT,
            probability=0.2,
        ),
        FaultRule(provider="ingram", path="*orders*", kind=FaultKind.ERROR_500, probability=0.1),
        FaultRule(kind=FaultKind.LATENCY, latency_ms=50),
    ]


@pytest.mark.parametrize(
    ("spec", "rule"),
    [
        ("*=500", FaultRule(kind=FaultKind.ERROR_500)),
        (
            "tdsynnex=429:0.5:9",
            FaultRule(
                provider="tdsynnex", kind=FaultKind.RATE_LIMIT_429, probability=0.5, retry_after_s=9
            ),
        ),
        (
            "autotask:GET=latency:120:0.25",
            FaultRule(
                provider="autotask",
                method="GET",
                kind=FaultKind.LATENCY,
                latency_ms=120,
                probability=0.25,
            ),
        ),
        ("*:*:*=reset:0.3", FaultRule(kind=FaultKind.RESET, probability=0.3)),
        (
            "*=timeout_after_effect:1:2.5",
            FaultRule(kind=FaultKind.TIMEOUT_AFTER_EFFECT, hold_s=2.5),
        ),
    ],
)
def test_each_action_form(spec: str, rule: FaultRule) -> None:
    assert parse_fault_spec(spec) == [rule]
    assert parse_fault_spec(rule.to_spec()) == [rule]


@pytest.mark.parametrize(
    "spec",
    [
        "500",
        "*=",
        "*=boom",
        "*=500:2",
        "*=500:0.5:1",
        "*=latency",
        "*=latency:x",
        "*=429:1:2:3",
        "*=reset:-0.1",
    ],
)
def test_bad_specs_are_refused(spec: str) -> None:
    with pytest.raises(FaultSpecError):
        parse_fault_spec(spec)


def test_empty_spec_means_no_faults() -> None:
    assert parse_fault_spec("") == []
    assert parse_fault_spec(" , ") == []


def _draws(seed: int) -> list[str | None]:
    plan = FaultPlan(parse_fault_spec("autotask=500:0.5"), seed)
    decisions = [plan.decide("autotask", "GET", "/autotask/x") for _ in range(40)]
    return [d.fault.kind.value if d.fault else None for d in decisions]


def test_same_seed_same_faults_and_probability_mixes() -> None:
    draws = _draws(11)
    assert draws == _draws(11)
    assert draws != _draws(12)
    assert set(draws) == {"500", None}


def test_matching_is_by_provider_method_and_path_ignoring_case() -> None:
    plan = FaultPlan(parse_fault_spec("autotask:POST:*/tickets/*/charges=500"), 0)
    assert plan.decide("autotask", "post", "/autotask/X/Tickets/1/Charges").fault is not None
    assert plan.decide("autotask", "GET", "/autotask/X/Tickets/1/Charges").fault is None
    assert plan.decide("ingram", "POST", "/ingram/tickets/1/charges").fault is None


def test_latencies_add_up_and_the_first_failure_wins() -> None:
    plan = FaultPlan(parse_fault_spec("*=latency:10,*=429,*=500,*=latency:5"), 0, latency_ms=3)
    decision = plan.decide("ingram", "GET", "/ingram/x")
    assert decision.latency_ms == 18
    assert decision.fault is not None
    assert decision.fault.kind is FaultKind.RATE_LIMIT_429


AT_NINE = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ONE_ORDER = FaultRule(
    provider="tdsynnex_xml",
    method="POST",
    kind=FaultKind.ERROR_500,
    body_contains="PD-Q1007-TX-",
    until=AT_NINE + timedelta(minutes=4),
)


@pytest.mark.parametrize(
    ("body", "now", "fails"),
    [
        (b"<PONumber>PD-Q1007-TX-001</PONumber>", AT_NINE, True),  # that order, during
        (b"<PONumber>PD-Q1002-TX-001</PONumber>", AT_NINE, False),  # another order
        (b"", AT_NINE, False),  # no body
        (b"<PONumber>PD-Q1007-TX-001</PONumber>", AT_NINE + timedelta(minutes=4), False),  # over
    ],
)
def test_a_rule_can_be_about_one_order_and_end_at_a_time(
    body: bytes, now: datetime, fails: bool
) -> None:
    plan = FaultPlan([ONE_ORDER], 0)
    assert plan.needs_body("tdsynnex_xml", "POST", "/tdsynnex/SynnexXML/PO")
    assert not plan.needs_body("tdsynnex_xml", "GET", "/tdsynnex/SynnexXML/PO")
    decision = plan.decide("tdsynnex_xml", "POST", "/tdsynnex/SynnexXML/PO", body=body, now=now)
    assert (decision.fault is not None) is fails
