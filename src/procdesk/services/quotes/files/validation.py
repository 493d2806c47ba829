"""Turning pydantic's validation errors into import problems."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from procdesk.services.quotes.files.models import PATTERN_DESCRIPTIONS, RULE_BROKEN
from procdesk.services.quotes.files.problems import ImportProblem

# loc (relative to one record) -> (location text, field name)
Locate = Callable[[tuple[int | str, ...]], tuple[str, str | None]]

_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field",
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "string_type": "expected text",
    "list_type": "expected a list",
    "model_type": "expected an object",
    "dict_type": "expected an object",
}


def _expected(kind: str, ctx: dict[str, object]) -> str | None:
    templates = {
        "greater_than": "expected a value greater than {gt}",
        "greater_than_equal": "expected a value of at least {ge}",
        "less_than": "expected a value less than {lt}",
        "less_than_equal": "expected a value of at most {le}",
        "string_too_short": "expected non-empty text",
        "string_too_long": "expected at most {max_length} characters",
        "too_short": "expected at least {min_length} item(s)",
        "too_long": "expected at most {max_length} item(s)",
        "enum": "expected one of {expected}",
        "string_pattern_mismatch": "expected {pattern}",
    }
    if "pattern" in ctx:
        ctx = {**ctx, "pattern": PATTERN_DESCRIPTIONS.get(str(ctx["pattern"]), ctx["pattern"])}
    template = templates.get(kind)
    return template.format(**ctx) if template else None


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    if kind in ("value_error", "assertion_error", RULE_BROKEN):
        return str(error["msg"]).removeprefix("Value error, ")
    text = _expected(kind, dict(error.get("ctx") or {})) or _MESSAGES.get(kind, error["msg"])
    shown = error.get("input")
    if kind != "missing" and not isinstance(shown, (dict, list)):
        text += f" (got {str(shown)[:80]!r})"
    return text


def problems_from(exc: ValidationError, file: str, locate: Locate) -> list[ImportProblem]:
    found = []
    for error in exc.errors():
        location, field = locate(tuple(error["loc"]))
        if error["type"] == RULE_BROKEN:  # a rule over several fields names the one to fix
            field = (error.get("ctx") or {}).get("field")
        found.append(ImportProblem(file, location, field, _message(error)))
    return found
