"""What a secret must be before it is sent anywhere: the rule `procdesk auth` and the
dashboard's re-authentication screen both apply, so the two refuse the same secrets with
the same words (which never show the secret)."""

from __future__ import annotations

import re

from procdesk.domain.text import BIDI_CONTROLS, first_unsafe

# The HTTP header the Autotask API secret travels in (procdesk.integrations.autotask's
# credentials): a header value takes ASCII only.
AUTOTASK_SECRET_HEADER = "Secret"
# The shortest secret taken: no API secret, token or password worth the name is shorter,
# and a shorter one would sit inside the words of a message that has to mask it.
MIN_SECRET_LENGTH = 5
_SURROGATES = re.compile("[\ud800-\udfff]")  # what undecodable input bytes become


def secret_problem(text: str, *, header: str | None = None) -> str | None:
    """What is wrong with the secret typed as `text` (it is used without the blanks around
    it), or None: not UTF-8 text (a terminal's undecodable bytes), a control or
    bidirectional character anywhere (a tab or an escape is never stripped away), a
    non-ASCII character when it travels in the HTTP header `header`, or fewer than
    MIN_SECRET_LENGTH characters. Each ends "nothing was sent"."""
    if _SURROGATES.search(text):
        return "the secret is not valid UTF-8 text; nothing was sent"
    found = first_unsafe(text)
    if found is not None:
        char = found[1]
        kind = "bidirectional control" if char in BIDI_CONTROLS else "control character"
        return (
            f"the secret holds a {kind} (U+{ord(char):04X}); expected printable text "
            "(paste the secret alone); nothing was sent"
        )
    secret = text.strip()
    if header is not None and not secret.isascii():
        return (
            f"the secret holds a non-ASCII character, but it travels in the HTTP header "
            f"{header!r}, which takes ASCII only; nothing was sent"
        )
    if len(secret) < MIN_SECRET_LENGTH:
        return (
            f"the secret is shorter than {MIN_SECRET_LENGTH} characters, too short to be "
            "a real one; nothing was sent"
        )
    return None
