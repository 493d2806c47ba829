"""An import validates its file before it takes the ledger's write lock, so another import
may write the same quotes in between. The write transaction looks again: a quote that
appeared meanwhile is compared, not stored twice; a record skipped as already stored whose
stored record changed meanwhile is validated and applied after all."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from procdesk.services.quotes.importer import QuoteImporter
from procdesk.store.ledger import Ledger
from procdesk.store.schema import quotes
from tests.support.quotes import EXAMPLES, FIXED_NOW, snapshot


class _Meanwhile:
    """An ImportProgress that, when the import first reports reading, runs `work` to the end
    in a thread of its own (another process's import, on its own connection)."""

    def __init__(self, work: Callable[[], None]) -> None:
        self._work: Callable[[], None] | None = work

    def read(self, done: int, total: int) -> None:
        work, self._work = self._work, None
        if work is not None:
            other = threading.Thread(target=work)
            other.start()
            other.join()

    def stored(self, done: int, total: int) -> None:
        pass


def _import_elsewhere(ledger_url: str, path: Path) -> Callable[[], None]:
    async def run() -> None:
        other = await Ledger.open(ledger_url)
        try:
            await QuoteImporter(other, actor="elsewhere", clock=lambda: FIXED_NOW).import_file(path)
        finally:
            await other.close()

    return lambda: asyncio.run(run())


async def test_quotes_stored_meanwhile_are_not_stored_twice(
    importer: QuoteImporter, ledger: Ledger, ledger_url: str
) -> None:
    path = EXAMPLES / "quotes.json"
    report = await importer.import_file(path, _Meanwhile(_import_elsewhere(ledger_url, path)))
    assert {o.result for o in report.outcomes} == {"unchanged"}
    once = await snapshot(ledger)
    # the same counts as one import alone: another import of the file adds nothing
    again = await importer.import_file(path)
    assert {o.result for o in again.outcomes} == {"unchanged"}
    assert await snapshot(ledger) == once


async def _titles(ledger: Ledger) -> dict[str, str]:
    async with ledger.read() as conn:
        rows = await conn.execute(sa.select(quotes.c.id, quotes.c.title))
        return {str(quote_id): str(title) for quote_id, title in rows}


async def test_a_record_changed_meanwhile_is_validated_after_all(
    importer: QuoteImporter, ledger: Ledger, ledger_url: str, tmp_path: Path
) -> None:
    path = EXAMPLES / "quotes.json"
    await importer.import_file(path)
    titles = await _titles(ledger)
    written = json.loads(path.read_text(encoding="utf-8"))
    quote_id = written["quotes"][0]["id"]
    written["quotes"][0]["title"] = "Renamed elsewhere"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(written), encoding="utf-8")
    # the re-import skips every record (all stored as written), then finds one changed
    report = await importer.import_file(path, _Meanwhile(_import_elsewhere(ledger_url, edited)))
    assert {o.quote_id: o.result for o in report.outcomes} == {
        q: "updated" if q == quote_id else "unchanged" for q in titles
    }
    assert await _titles(ledger) == titles  # the file's title again, not the other's
