"""The collector is paused only while an import runs, and left as the import found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from procdesk.services.quotes.collector import collector_paused
from procdesk.services.quotes.files import ImportRejected
from procdesk.services.quotes.importer import QuoteImporter
from tests.support.quotes import EXAMPLES


@pytest.fixture
def collector_restored() -> Iterator[None]:
    was_on = gc.isenabled()
    yield
    if was_on:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.usefixtures("collector_restored")
@pytest.mark.parametrize("on_before", [True, False])
def test_the_block_leaves_the_collector_as_it_found_it(on_before: bool) -> None:
    (gc.enable if on_before else gc.disable)()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled() is on_before


@pytest.mark.usefixtures("collector_restored")
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
