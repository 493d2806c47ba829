"""Quote import: an importer on the test ledger, and quote files written on demand."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from procdesk.services.quotes.importer import QuoteImporter
from procdesk.store.ledger import Ledger
from tests.support.quotes import BASE_QUOTE, FIXED_NOW


@pytest.fixture
def importer(ledger: Ledger) -> QuoteImporter:
    return QuoteImporter(ledger, actor="tester", clock=lambda: FIXED_NOW)


@pytest.fixture
def quote_file(tmp_path: Path) -> Callable[..., Path]:
    """Write {"quotes": [...]} to a fresh JSON file; default: one copy of BASE_QUOTE."""
    counter = iter(range(1000))

    def write(*quotes: dict[str, Any]) -> Path:
        path = tmp_path / f"quotes-{next(counter)}.json"
        body = list(quotes) or [copy.deepcopy(BASE_QUOTE)]
        path.write_text(json.dumps({"quotes": body}), encoding="utf-8")
        return path

    return write
