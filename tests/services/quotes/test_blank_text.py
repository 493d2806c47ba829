"""A blank optional text is absent, whichever form the file takes: a CSV cell cannot tell ""
from no value, so a JSON file's "" reads as the empty cell does. The same quote exported
either way is the same quote: switching between the forms changes nothing, and a quote
stored by an older procdesk with "" is taken as unchanged (its hashes move on quietly)."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from procdesk.services.quotes.files.csv_reader import COLUMNS
from procdesk.services.quotes.importer import QuoteImporter
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges, quote_lines, quotes
from tests.support.quotes import BASE_QUOTE, snapshot

BLANKS = {"contact": "", "state": " ", "postal_code": "", "phone": "", "email": ""}


def _quote_with_blanks() -> dict[str, Any]:
    quote = copy.deepcopy(BASE_QUOTE)
    quote["ship_to"].update(BLANKS)
    quote["ticket_number"] = ""
    quote["lines"][0]["distributor_part_number"] = ""
    return quote


def _write_json(path: Path, quote: dict[str, Any]) -> Path:
    path.write_text(json.dumps({"quotes": [quote]}), encoding="utf-8")
    return path


def _write_csv(path: Path, quote: dict[str, Any]) -> Path:
    """The same quote as a CSV export writes it: a blank cell for every absent value."""
    ship_to = quote["ship_to"]
    head = {
        "quote_id": quote["id"],
        **{k: quote.get(k) for k in ("title", "company_name", "ticket_id", "status", "currency")},
        **{f"ship_to_{k}": ship_to.get(k) for k in ("company", "contact", "city", "state")},
        **{f"ship_to_{k}": ship_to.get(k) for k in ("postal_code", "country_code", "phone")},
        "ship_to_email": ship_to.get("email"),
    }
    for n, address in enumerate(ship_to["address_lines"], start=1):
        head[f"ship_to_address_line_{n}"] = address
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for line in quote["lines"]:
            row = {**head, **{k: v for k, v in line.items() if k in COLUMNS}}
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return path


async def test_json_blanks_and_csv_empty_cells_are_one_quote(
    importer: QuoteImporter, ledger: Ledger, tmp_path: Path
) -> None:
    quote = _quote_with_blanks()
    as_json = _write_json(tmp_path / "q.json", quote)
    as_csv = _write_csv(tmp_path / "q.csv", quote)
    await importer.import_file(as_json)
    async with ledger.read() as conn:
        ship_to = (await conn.execute(sa.select(quotes.c.ship_to))).scalar_one()
        part = (
            await conn.execute(
                sa.select(quote_lines.c.distributor_part_number).where(
                    quote_lines.c.line_number == 1
                )
            )
        ).scalar_one()
    assert {k: ship_to[k] for k in BLANKS} == dict.fromkeys(BLANKS)
    assert part is None
    before = await snapshot(ledger)

    for path in (as_csv, as_json, as_csv):
        report = await importer.import_file(path)
        assert [o.result for o in report.outcomes] == ["unchanged"]
    assert await snapshot(ledger) == before  # no charge remade, no event


async def test_a_quote_stored_with_blanks_by_older_code_is_unchanged(
    importer: QuoteImporter, ledger: Ledger, tmp_path: Path
) -> None:
    """Older procdesk stored a JSON file's "" as "" (and hashed it so): the same file read
    now differs from it only in how a blank is kept. Nothing is updated or remade, and the
    next import finds it unchanged at once."""
    as_json = _write_json(tmp_path / "q.json", _quote_with_blanks())
    await importer.import_file(as_json)
    async with ledger.write() as conn:  # as the older code left it
        ship_to = (await conn.execute(sa.select(quotes.c.ship_to))).scalar_one()
        await conn.execute(
            quotes.update().values(
                ship_to={**ship_to, "contact": "", "phone": ""},
                content_hash="0" * 64,
                source_hash=None,
            )
        )
        await conn.execute(
            quote_lines.update()
            .where(quote_lines.c.line_number == 1)
            .values(distributor_part_number="")
        )
    before = await snapshot(ledger)
    async with ledger.read() as conn:
        charge_ids = (await conn.execute(sa.select(charges.c.id))).scalars().all()

    report = await importer.import_file(as_json)

    assert [(o.result, o.changes) for o in report.outcomes] == [("unchanged", [])]
    assert await snapshot(ledger) == before
    async with ledger.read() as conn:
        assert (await conn.execute(sa.select(charges.c.id))).scalars().all() == charge_ids
        hashes = (await conn.execute(sa.select(quotes.c.content_hash))).scalar_one()
    assert hashes != "0" * 64
