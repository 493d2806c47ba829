"""An import runs with the collector paused, and turns it back on when it ends, stored or
refused."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from procdesk.services.quotes.files import ImportRejected
from procdesk.services.quotes.importer import QuoteImporter
from tests.support.quotes import EXAMPLES


class CollectorSeen:
    """An import's progress listener that notes whether the collector ran meanwhile."""

    def __init__(self) -> None:
        self.seen: list[bool] = []

    def read(self, done: int, total: int) -> None:
        self.seen.append(gc.isenabled())

    def stored(self, done: int, total: int) -> None:
        self.seen.append(gc.isenabled())


async def test_an_import_pauses_the_collector_and_turns_it_back_on_even_when_refused(
    importer: QuoteImporter, tmp_path: Path
) -> None:
    gc.enable()
    during = CollectorSeen()
    await importer.import_file(EXAMPLES / "quotes.json", during)
    assert during.seen  # the listener heard the import
    assert not any(during.seen)  # paused while reading and storing
    assert gc.isenabled()
    bad = tmp_path / "bad.json"
    bad.write_text('{"quotes": [{"id": "Q-1"}]}', encoding="utf-8")
    with pytest.raises(ImportRejected):
        await importer.import_file(bad)
    assert gc.isenabled()
