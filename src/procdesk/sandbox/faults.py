"""Fault rules: which requests get an injected failure, and how the `--faults` string reads.

Spec grammar (rules separated by commas, evaluated in order):

    SPEC    := RULE ("," RULE)*
    RULE    := PATTERN "=" ACTION
    PATTERN := PROVIDER [":" METHOD [":" PATH_GLOB]]      (each part may be "*")
    ACTION  := "500" [":" P]
             | "429" [":" P [":" RETRY_AFTER_S]]
             | "latency" ":" MS [":" P]
             | "reset" [":" P]
             | "timeout_after_effect" [":" P [":" HOLD_S]]

P is a probability in [0, 1] (default 1). PATH_GLOB is an fnmatch glob over the full request
path, matched ignoring case. PROVIDER is `autotask`, `ingram`, `tdsynnex` (StreamOne ION) or
`tdsynnex_xml` (TD SYNNEX's XML interface under /tdsynnex/SynnexXML); `tdsynnex*` matches
both TD SYNNEX doors. Injected errors take each provider's error shape (an XML errorResponse
for `tdsynnex_xml`). Example:
`autotask:POST:*/Charges=timeout_after_effect:0.2,ingram:*:*orders*=500:0.1,*=latency:50`.

Two refinements are set through the rule itself (the control API's JSON `rules`, or code
such as the demo's), not the spec string: `body_contains` narrows a rule to requests whose
body holds a text (one order's requests, by its reference), and `until` ends it at a time on
the sandbox clock (the distributor is back).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from fnmatch import fnmatchcase

from pydantic import BaseModel, ConfigDict, Field


class FaultKind(StrEnum):
    ERROR_500 = "500"
    RATE_LIMIT_429 = "429"
    LATENCY = "latency"
    RESET = "reset"
    TIMEOUT_AFTER_EFFECT = "timeout_after_effect"


class FaultRule(BaseModel):
    model_config = ConfigDict(frozen=True)

    provider: str = "*"
    method: str = "*"
    path: str = "*"
    kind: FaultKind
    probability: float = Field(default=1.0, ge=0.0, le=1.0)
    latency_ms: int = Field(default=0, ge=0)
    retry_after_s: int = Field(default=2, ge=0)
    hold_s: float = Field(default=30.0, gt=0.0)
    body_contains: str | None = Field(default=None, min_length=1)  # only requests holding it
    until: datetime | None = None  # sandbox-clock time at which the rule stops applying

    def matches(self, provider: str, method: str, path: str) -> bool:
        """Whether the rule is about this request line (body and time are checked apart)."""
        return (
            fnmatchcase(provider.lower(), self.provider.lower())
            and fnmatchcase(method.upper(), self.method.upper())
            and fnmatchcase(path.lower(), self.path.lower())
        )

    def applies(self, body: bytes, now: datetime | None) -> bool:
        if self.until is not None and now is not None and now >= self.until:
            return False
        return self.body_contains is None or self.body_contains.encode() in body

    def to_spec(self) -> str:
        pattern = ":".join((self.provider, self.method, self.path))
        p = f"{self.probability:g}"
        action = {
            FaultKind.ERROR_500: f"500:{p}",
            FaultKind.RATE_LIMIT_429: f"429:{p}:{self.retry_after_s}",
            FaultKind.LATENCY: f"latency:{self.latency_ms}:{p}",
            FaultKind.RESET: f"reset:{p}",
            FaultKind.TIMEOUT_AFTER_EFFECT: f"timeout_after_effect:{p}:{self.hold_s:g}",
        }[self.kind]
        return f"{pattern}={action}"


class FaultSpecError(ValueError):
    pass


def parse_fault_spec(spec: str) -> list[FaultRule]:
    rules = []
    for text in (part.strip() for part in spec.split(",")):
        if text:
            rules.append(_parse_rule(text))
    return rules


def _parse_rule(text: str) -> FaultRule:
    pattern, sep, action = text.partition("=")
    if not sep or not pattern or not action:
        raise FaultSpecError(f"fault rule {text!r} is not PATTERN=ACTION")
    parts = pattern.split(":", 2)
    provider, method, path = [*parts, "*", "*"][:3]
    kind_text, *args = action.split(":")
    try:
        kind = FaultKind(kind_text.lower())
        fields: dict[str, object] = {"provider": provider, "method": method, "path": path}
        fields |= _action_fields(kind, [float(a) for a in args])
        return FaultRule.model_validate({"kind": kind, **fields})
    except ValueError as exc:
        raise FaultSpecError(f"fault rule {text!r}: {exc}") from exc


def _action_fields(kind: FaultKind, args: list[float]) -> dict[str, object]:
    if kind is FaultKind.LATENCY:
        if not 1 <= len(args) <= 2:
            raise ValueError("latency takes MS[:P]")
        return {"latency_ms": int(args[0]), "probability": args[1] if len(args) == 2 else 1.0}
    extra = {
        FaultKind.RATE_LIMIT_429: "retry_after_s",
        FaultKind.TIMEOUT_AFTER_EFFECT: "hold_s",
    }.get(kind)
    if len(args) > (2 if extra else 1):
        raise ValueError(f"too many arguments for {kind.value}")
    fields: dict[str, object] = {"probability": args[0]} if args else {}
    if extra and len(args) == 2:
        fields[extra] = int(args[1]) if kind is FaultKind.RATE_LIMIT_429 else args[1]
    return fields


@dataclass(frozen=True)
class FaultDecision:
    latency_ms: int
    fault: FaultRule | None  # the failure to inject, if any


class FaultPlan:
    """The active rules, each with its own seeded random stream, plus the global latency."""

    def __init__(self, rules: list[FaultRule], seed: int, latency_ms: int = 0) -> None:
        self.rules = list(rules)
        self.seed = seed
        self.latency_ms = latency_ms
        self._streams = [random.Random(f"{seed}:{n}:{r.to_spec()}") for n, r in enumerate(rules)]

    def needs_body(self, provider: str, method: str, path: str) -> bool:
        """Whether deciding about this request needs its body read first."""
        return any(
            rule.body_contains is not None and rule.matches(provider, method, path)
            for rule in self.rules
        )

    def decide(
        self,
        provider: str,
        method: str,
        path: str,
        *,
        body: bytes = b"",
        now: datetime | None = None,
    ) -> FaultDecision:
        latency, fault = self.latency_ms, None
        for rule, stream in zip(self.rules, self._streams, strict=True):
            if not rule.matches(provider, method, path):
                continue
            if not rule.applies(body, now):
                continue
            if stream.random() >= rule.probability:
                continue
            if rule.kind is FaultKind.LATENCY:
                latency += rule.latency_ms
            elif fault is None:
                fault = rule
        return FaultDecision(latency, fault)

    def describe(self) -> dict[str, object]:
        return {
            "seed": self.seed,
            "latency_ms": self.latency_ms,
            "spec": ",".join(r.to_spec() for r in self.rules),
            "rules": [r.model_dump(mode="json") for r in self.rules],
        }
