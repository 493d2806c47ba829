"""Masking a secret in a message: wherever it stands as itself, never inside a word when it
is short (masking there garbles the words and reveals the secret), anywhere when it is long."""

from __future__ import annotations

import pytest

from procdesk.secrets.redaction import ALWAYS_MASKED_FROM, redacted

# (text, secret, the text as shown)
CASES: list[tuple[str, str, str]] = [
    ("Invalid client credentials", "e", "Invalid client credentials"),
    (
        "Login failed: the user ID or password is incorrect.",
        "a",
        "Login failed: the user ID or password is incorrect.",
    ),
    ("Invalid client credentials", "crede", "Invalid client credentials"),
    ("the refresh token abc12 is spent", "abc12", "the refresh token *** is spent"),
    ("secret=abc12&grant=x", "abc12", "secret=***&grant=x"),
    ("'abc12' / abc12. (abc12)", "abc12", "'***' / ***. (***)"),
    ("xabc12 abc12x abc12_ _abc12", "abc12", "xabc12 abc12x abc12_ _abc12"),
    ("a-b-c: -b- x-b-y", "-b-", "a***c: *** x***y"),  # its own edges are not letters
    ("Bad login u / sandbox-ec-password-J7n3", "sandbox-ec-password-J7n3", "Bad login u / ***"),
    ("tokensandbox-ec-password-J7n3x", "sandbox-ec-password-J7n3", "token***x"),  # long
    ("a (b) [c] $1 \\1", "(b) [c] $1 \\1", "a ***"),  # regex characters are literal
    ("nothing to hide", "", "nothing to hide"),
    ("nothing to hide", "  ", "nothing to hide"),
    ("caf\u00e9-secret and café-secretx", "café-secret", "*** and ***x"),
]


@pytest.mark.parametrize(("text", "secret", "shown"), CASES)
def test_redacted(text: str, secret: str, shown: str) -> None:
    assert redacted(text, secret) == shown


def test_the_mask_is_taken_as_it_is() -> None:
    assert redacted("x abc12 y", "abc12", r"[\1 \g<0>]") == r"x [\1 \g<0>] y"


def test_a_long_secret_is_masked_even_inside_a_word() -> None:
    secret = "k" * ALWAYS_MASKED_FROM
    assert redacted(f"x{secret}y", secret) == "x***y"
    assert redacted(f"x{secret[1:]}y", secret[1:]) == f"x{secret[1:]}y"
