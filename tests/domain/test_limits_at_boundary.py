"""Every limit at exactly the limit, one under and one over: the room left for the sync
marker in notes, the field-cutting helper, the charge name, and the draft's field limits."""

from __future__ import annotations

import pytest

from procdesk.domain.ticket_charge import (
    FIELD_LIMITS,
    NAME_LIMIT,
    NOTES_LIMIT,
    ChargeDraft,
    _cut,
    charge_marker,
    charge_name,
    find_marker,
    notes_with_marker,
    validate_draft,
)

TOKEN = "0123456789abcdef0123456789abcdef"
MARKER = charge_marker(TOKEN)
ROOM = NOTES_LIMIT - len(MARKER) - 1  # free text that fits beside "\n" + marker


def _draft(**values: object) -> ChargeDraft:
    base: dict[str, object] = {"ticket_id": 1, "name": "n", "quantity": 1, "billing_code_id": 7}
    return ChargeDraft.model_validate(base | values)


@pytest.mark.parametrize(("length", "whole"), [(ROOM - 1, True), (ROOM, True), (ROOM + 1, False)])
@pytest.mark.parametrize("words", [False, True], ids=["one-word", "words"])
def test_notes_leave_exact_room_for_the_marker(length: int, whole: bool, words: bool) -> None:
    text = ("ab " * length)[:length] if words else "x" * length
    text = text[:-1] + "z"  # never ends in a space (stripped) so the length is exact
    notes = notes_with_marker(text, TOKEN)
    assert notes.endswith("\n" + MARKER)
    assert find_marker(notes) == TOKEN
    assert len(notes) <= NOTES_LIMIT
    if whole:
        assert notes == f"{text}\n{MARKER}"
        assert len(notes) == length + 1 + len(MARKER)
    else:
        assert notes.removesuffix("\n" + MARKER).endswith("…")
    assert validate_draft(_draft(notes=notes)) == []


def test_notes_exactly_at_the_limit_use_all_of_it() -> None:
    notes = notes_with_marker("y" * ROOM, TOKEN)
    assert len(notes) == NOTES_LIMIT
    cut = notes_with_marker("y" * (ROOM + 1), TOKEN)
    assert len(cut) == NOTES_LIMIT  # a single word is cut where it must: the room is full


@pytest.mark.parametrize("limit", [2, 3, 10, 100, 2000])
@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_cut_single_word_at_the_boundary(limit: int, offset: int) -> None:
    text = "w" * (limit + offset)
    result = _cut(text, limit)
    if offset <= 0:
        assert result == text
    else:
        assert len(result) == limit
        assert result == "w" * (limit - 1) + "…"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("abc def", 7, "abc def"),
        ("abc defg", 7, "abc…"),  # cut before the word that does not fit
        ("abc de f", 7, "abc de…"),  # the space right at the cut is a word boundary
        ("abcdef gh", 7, "abcdef…"),
        ("a bcdefghi", 7, "a…"),
    ],
)
def test_cut_between_words(text: str, limit: int, expected: str) -> None:
    assert _cut(text, limit) == expected
    assert len(_cut(text, limit)) <= limit


@pytest.mark.parametrize(("extra", "whole"), [(-1, True), (0, True), (1, False)])
def test_charge_name_at_the_limit(extra: int, whole: bool) -> None:
    sku = "SKU-1"
    description = "d" * (NAME_LIMIT - len(sku) - 3 + extra)
    name = charge_name(sku, description)
    assert len(name) <= NAME_LIMIT
    assert (name == f"{sku} - {description}") is whole


@pytest.mark.parametrize(
    ("sku_length", "expected_tail"),
    [
        (NAME_LIMIT - 3 - 2, " - a…"),  # room for one character and the ellipsis
        (NAME_LIMIT - 3 - 1, None),  # no room: the SKU alone
        (NAME_LIMIT, None),
        (NAME_LIMIT + 1, "…"),  # an SKU too long is cut itself
    ],
)
def test_charge_name_room_for_the_description(sku_length: int, expected_tail: str | None) -> None:
    sku = "S" * sku_length
    name = charge_name(sku, "abc " * 40)
    assert len(name) <= NAME_LIMIT
    if expected_tail is None:
        assert name == sku
    else:
        assert name.endswith(expected_tail)


@pytest.mark.parametrize("field", sorted(FIELD_LIMITS))
@pytest.mark.parametrize("offset", [-1, 0, 1], ids=["under", "at", "over"])
def test_draft_field_limits(field: str, offset: int) -> None:
    limit = FIELD_LIMITS[field]
    problems = validate_draft(_draft(**{field: "x" * (limit + offset)}))
    assert [p.field for p in problems] == ([field] if offset > 0 else [])
