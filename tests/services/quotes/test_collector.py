"""An import turns the collector back on when it ends, stored or refused."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from procdesk.services.quotes.files import ImportRejected
from procdesk.services.quotes.importer import QuoteImporter
from tests.support.quotes import EXAMPLES


async def test_an_import_turns_the_collector_back_on_even_when_refused(
    importer: QuoteImporter, tmp_path: Path
) -> None:
    gc.enable()
    await importer.import_file(EXAMPLES / "quotes.json")
    assert gc.isenabled()
    bad = tmp_path / "bad.json"
    bad.write_text('{"quotes": [{"id": "Q-1"}]}', encoding="utf-8")
    with pytest.raises(ImportRejected):
        await importer.import_file(bad)
    assert gc.isenabled()
