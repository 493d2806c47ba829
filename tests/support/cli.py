"""Reading what `procdesk ... --json` printed."""

from __future__ import annotations

import json
from typing import Any

from click.testing import Result


def json_rows(result: Result) -> list[dict[str, Any]]:
    """The --json output: must be exactly one JSON array on stdout."""
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    return rows
