"""A line's distributor: Ingram Micro and TD SYNNEX by any of the spellings procdesk knows,
any other supplier's name taken as one procdesk bills but does not order from. A name that
is neither (it names Ingram or TD SYNNEX, but not as procdesk spells them) is refused with
the spelling to write: read as "another supplier" it would be billed and never ordered,
and nobody would be told."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest

from procdesk.domain.enums import Distributor
from procdesk.services.quotes.files import ImportRejected
from procdesk.services.quotes.files.models import QuoteLineIn
from procdesk.services.quotes.importer import QuoteImporter
from tests.support.quotes import BASE_QUOTE

LINE = BASE_QUOTE["lines"][0]

KNOWN = [
    ("ingram", Distributor.INGRAM),
    ("Ingram Micro", Distributor.INGRAM),
    ("  INGRAM_MICRO ", Distributor.INGRAM),
    ("td synnex", Distributor.TDSYNNEX),  # (a subscription: TD SYNNEX's cloud door)
    ("TD-SYNNEX", Distributor.TDSYNNEX),
    ("tdsynnex xml", Distributor.TDSYNNEX_XML),
    ("Harbor Computer Supply", Distributor.OTHER),  # a local supplier
    ("Amazon Business", Distributor.OTHER),
]


@pytest.mark.parametrize(("name", "read_as"), KNOWN)
def test_known_spellings_and_other_suppliers(name: str, read_as: Distributor) -> None:
    # (TD SYNNEX takes hardware through its XML door, subscriptions through ION)
    category = "Licensing" if read_as is Distributor.TDSYNNEX else LINE["category"]
    line = QuoteLineIn.model_validate({**LINE, "distributor": name, "category": category})
    assert line.distributor is read_as


NEAR_MISSES = [
    ("ingram-micro", "ingram"),
    ("Ingram Micro Inc.", "ingram"),
    ("td-synnex-xml", "tdsynnex_xml"),
    ("Synnex", "tdsynnex"),
    ("TD SYNNEX Corporation", "tdsynnex"),
]


@pytest.mark.parametrize(("name", "write"), NEAR_MISSES)
def test_a_name_for_ingram_or_td_synnex_procdesk_does_not_know_is_refused(
    name: str, write: str
) -> None:
    with pytest.raises(ValueError, match=f"write '{write}' to order it there") as raised:
        QuoteLineIn.model_validate({**LINE, "distributor": name})
    assert repr(name.strip()) in str(raised.value)


async def test_the_file_is_refused_naming_the_line(
    importer: QuoteImporter, quote_file: Callable[..., Path]
) -> None:
    quote = copy.deepcopy(BASE_QUOTE)
    quote["lines"][1]["distributor"] = "ingram-micro"
    with pytest.raises(ImportRejected) as raised:
        await importer.import_file(quote_file(quote))
    [problem] = raised.value.problems
    assert (problem.location, problem.field) == ("/quotes/0/lines/1/distributor", "distributor")
    assert "write 'ingram' to order it there" in problem.message
