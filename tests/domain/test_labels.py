"""The words the panes show for stored codes, and what a filter looks for to find them."""

from __future__ import annotations

import pytest

from procdesk.domain.enums import CancelReason
from procdesk.domain.labels import (
    CANCEL_REASON_LABEL,
    cancel_reason_label,
    cancel_reasons_matching,
)


def test_every_cancel_reason_has_words() -> None:
    assert set(CANCEL_REASON_LABEL) == set(CancelReason)
    assert cancel_reason_label(None) == ""


@pytest.mark.parametrize(
    ("typed", "codes"),
    [
        ("quote withdrawn", ["quote_withdrawn"]),
        ("withdrawn", []),  # the code itself holds it: the index finds it as it is
        ("billing code", ["mapping_changed"]),
        ("code changed", ["mapping_changed"]),
        ("by an admin", ["admin"]),
        ("admin", []),
        ("cancelled by", ["admin"]),
        ("changed", []),  # "mapping_changed" holds it
        ("northwind", []),
    ],
)
def test_a_filter_looks_for_the_codes_whose_words_hold_the_text(
    typed: str, codes: list[str]
) -> None:
    assert cancel_reasons_matching(typed) == codes
