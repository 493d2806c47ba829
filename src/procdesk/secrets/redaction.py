"""Masking a secret in text that may be shown: errors, logs, messages.

Replacing every occurrence of the secret as a plain substring goes wrong for a short one:
a secret "e" turns "Invalid client credentials" into "Invalid cli***nt cr***d***ntials",
which garbles the message and reveals the secret. So an occurrence is masked when it
stands as a token of its own, not glued to letters or digits on a side where the secret
itself begins or ends with one ("sandbox-secret" is masked in "token sandbox-secret." and
in "secret=sandbox-secret&"). A secret of `ALWAYS_MASKED_FROM` characters or more is masked
wherever it occurs, glued or not: so long a string inside a word is the secret, not a word.
"""

from __future__ import annotations

import re

ALWAYS_MASKED_FROM = 8  # characters


def _pattern(secret: str) -> re.Pattern[str]:
    body = re.escape(secret)
    if len(secret) >= ALWAYS_MASKED_FROM:
        return re.compile(body)
    before = r"(?<!\w)" if re.match(r"\w", secret[0]) else ""
    after = r"(?!\w)" if re.match(r"\w", secret[-1]) else ""
    return re.compile(before + body + after)


def redacted(text: str, secret: str, mask: str = "***") -> str:
    """`text` with each occurrence of `secret` that stands as itself replaced by `mask`
    (see the module docstring); a blank secret leaves `text` as it is."""
    secret = secret.strip()
    if not secret:
        return text
    return _pattern(secret).sub(lambda _: mask, text)
